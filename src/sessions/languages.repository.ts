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

  async exists(id: number): Promise<boolean> {
    return (await this.sql.one('SELECT id FROM languages WHERE id = ?', [id])) !== undefined;
  }
}
