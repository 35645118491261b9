import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql';

/** Statements on `languages`. */
@Injectable()
export class LanguagesRepository {
  constructor(private readonly sql: Sql) {}

  /** The id of the language with ISO 639-1 `code`, if stored. */
  async idOfCode(code: string): Promise<number | undefined> {
    const row = await this.sql.one<{ id: number }>('SELECT id FROM languages WHERE code = ?', [code]);
    return row ? Number(row.id) : undefined;
  }

  /** The ISO 639-1 code of language `id`, if stored. */
  async codeOfId(id: number): Promise<string | undefined> {
    const row = await this.sql.one<{ code: string }>('SELECT code FROM languages WHERE id = ?', [id]);
    return row?.code;
  }

  /** Which of `ids` name stored languages. */
  async existingIds(ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const [list, values] = this.sql.inList(ids);
    const rows = await this.sql.all<{ id: number }>(`SELECT id FROM languages WHERE id IN ${list}`, values);
    return new Set(rows.map((row) => Number(row.id)));
  }

  async exists(id: number): Promise<boolean> {
    return (await this.sql.one('SELECT id FROM languages WHERE id = ?', [id])) !== undefined;
  }
}
