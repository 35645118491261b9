/** A bound value: booleans are stored as 0/1 on SQLite and as booleans on PostgreSQL. */
export type SqlValue = string | number | boolean | null;

/** One SQL condition with its `?` values; `''` means no condition (as access policies answer "sees all"). */
export type SqlCondition = [string, SqlValue[]];

/** ` WHERE a AND b` of the non-empty conditions (or `''`), with their values in order. */
export function whereOf(conditions: SqlCondition[]): SqlCondition {
  const used = conditions.filter(([text]) => text);
  return [
    used.length ? ` WHERE ${used.map(([text]) => text).join(' AND ')}` : '',
    used.flatMap(([, values]) => values),
  ];
}

/** One condition that holds when every non-empty one of `conditions` does (`''` when there is none). */
export function allOf(conditions: SqlCondition[]): SqlCondition {
  const used = conditions.filter(([text]) => text);
  return [used.map(([text]) => `(${text})`).join(' AND '), used.flatMap(([, values]) => values)];
}
