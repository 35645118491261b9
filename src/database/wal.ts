import { statSync } from 'node:fs';

/** Size in bytes of the SQLite write-ahead log of the database file `path` (0 when there is none). */
export function walBytes(path: string): number {
  if (!path || path === ':memory:') return 0;
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}
