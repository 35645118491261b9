/**
 * `npm run bench -- --db postgres`: the hub on PostgreSQL with the very rows the SQLite seed wrote. The
 * seed stays one piece of code (bench/cases.ts, straight through better-sqlite3); this copies its result
 * into a fresh PostgreSQL database whose schema the hub's own migrations made, table by table, so both
 * engines answer the same cases on the same data.
 */
import Database from 'better-sqlite3';
import { Client } from 'pg';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database beside the one `url` names; answers its name and URL. */
export async function createDatabase(url: string): Promise<{ name: string; url: string }> {
  const name = `sessions_hub_bench_${process.pid}_${Date.now()}`;
  await withClient(url, (client) => client.query(`CREATE DATABASE ${quote(name)}`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { name, url: target.toString() };
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await withClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
}

interface PgColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  serial: boolean;
}

const CHUNK = 5_000;

/**
 * Replaces every row of the PostgreSQL database at `url` with the rows of the SQLite file (the tables and
 * columns both have; the migrations table stays PostgreSQL's own). Triggers and foreign keys are off while
 * it copies (`session_replication_role = replica`), so derived tables such as the daily listening totals
 * are copied as they are, not counted twice; sequences then continue after the copied ids. Values go through
 * `json_populate_recordset`, which parses each one with its column's own input function (0/1 booleans,
 * µs integers, text); JSON columns are parsed first so they arrive as JSON, not as strings.
 */
export async function copyToPostgres(sqlitePath: string, url: string): Promise<number> {
  const lite = new Database(sqlitePath, { readonly: true });
  try {
    return await withClient(url, async (pg) => {
      const columns = (
        await pg.query<PgColumn>(
          `SELECT table_name, column_name, data_type,
                  (column_default LIKE 'nextval(%' OR is_identity = 'YES') AS serial
           FROM information_schema.columns WHERE table_schema = 'public'`,
        )
      ).rows;
      const byTable = new Map<string, Map<string, PgColumn>>();
      for (const column of columns) {
        const table = byTable.get(column.table_name) ?? new Map<string, PgColumn>();
        table.set(column.column_name, column);
        byTable.set(column.table_name, table);
      }
      const liteTables = lite
        .prepare<[], string>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'",
        )
        .pluck()
        .all();
      const pgTables = [...byTable.keys()].filter((t) => t !== 'migrations');
      let copied = 0;
      await pg.query('BEGIN');
      await pg.query('SET LOCAL session_replication_role = replica');
      await pg.query(`TRUNCATE ${pgTables.map(quote).join(', ')} RESTART IDENTITY CASCADE`);
      for (const table of liteTables) {
        const target = byTable.get(table);
        if (!target) continue;
        const names = (lite.pragma(`table_info(${quote(table)})`) as Array<{ name: string }>)
          .map((c) => c.name)
          .filter((name) => target.has(name));
        const json = names.filter((name) => ['json', 'jsonb'].includes(target.get(name)!.data_type));
        const list = names.map(quote).join(', ');
        const insert = `INSERT INTO ${quote(table)} (${list})
          SELECT ${list} FROM json_populate_recordset(NULL::${quote(table)}, $1::json)`;
        let chunk: Array<Record<string, unknown>> = [];
        const flush = async () => {
          await pg.query(insert, [JSON.stringify(chunk)]);
          copied += chunk.length;
          chunk = [];
        };
        const rows = lite
          .prepare<[], Record<string, unknown>>(`SELECT ${list} FROM ${quote(table)}`)
          .iterate();
        for (const row of rows) {
          for (const name of json) if (typeof row[name] === 'string') row[name] = JSON.parse(row[name]);
          for (const name of names)
            if (Buffer.isBuffer(row[name])) row[name] = `\\x${row[name].toString('hex')}`;
          chunk.push(row);
          if (chunk.length === CHUNK) await flush();
        }
        if (chunk.length) await flush();
        for (const column of target.values())
          if (column.serial && names.includes(column.column_name))
            await pg.query(
              `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${quote(column.column_name)}), 0) + 1, false)
               FROM ${quote(table)}`,
              [quote(table), column.column_name],
            );
      }
      await pg.query('COMMIT');
      // as autovacuum leaves a database that has been running: statistics and the visibility map
      await pg.query('VACUUM ANALYZE');
      return copied;
    });
  } finally {
    lite.close();
  }
}
