import { Injectable } from '@nestjs/common';
import { MAX_INT_ID } from '../common/validation';
import { FieldErrorsException } from '../common/errors';
import { Sql } from '../database/sql';
import { baseLanguageCode, chooseLanguage } from './languages';
import { DRF_MESSAGES } from '../common/validation';

@Injectable()
export class LanguagesService {
  constructor(private readonly sql: Sql) {}

  /** The id of the language `code` names (regional codes allowed), or a 400 naming `field`. */
  async idOfCode(code: string, field = 'language'): Promise<number> {
    const base = baseLanguageCode(code);
    const row = base
      ? await this.sql.one<{ id: number }>('SELECT id FROM languages WHERE code = ?', [base])
      : undefined;
    if (!row) throw FieldErrorsException.of(field, `"${code}" is not a known ISO 639-1 language code.`);
    return row.id;
  }

  /** Applies Roundware's precedence (`language` over `language_id`, default `en`) and checks the result exists. */
  async resolve(input: { language?: string | null; language_id?: number | null }): Promise<number> {
    const choice = chooseLanguage(input);
    if (choice.by === 'code') return this.idOfCode(choice.code);
    const exists =
      choice.id >= 1 &&
      choice.id <= MAX_INT_ID &&
      (await this.sql.one('SELECT id FROM languages WHERE id = ?', [choice.id])) !== undefined;
    if (!exists)
      throw FieldErrorsException.of('language_id', DRF_MESSAGES.invalidPk(choice.id));
    return choice.id;
  }
}
