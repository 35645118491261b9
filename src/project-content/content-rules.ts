import { FieldErrorsException } from '../common/errors';

/** DRF's answer to `null` on a field that is not nullable. */
export const NOT_NULL = 'This field may not be null.';

/** 400 naming each of `fields` that `body` sends as null (PATCH bodies: null is not "unchanged"). */
export function refuseNulls(body: object, fields: readonly string[]): void {
  const errors: Record<string, string[]> = {};
  for (const field of fields)
    if ((body as Record<string, unknown>)[field] === null) errors[field] = [NOT_NULL];
  if (Object.keys(errors).length) throw new FieldErrorsException(errors);
}

/** The project ids a list reads: the one filtered on, or every project with content. */
export function candidateProjects(
  filter: number | undefined,
  all: () => Promise<number[]>,
): Promise<number[]> {
  return filter !== undefined ? Promise.resolve([filter]) : all();
}
