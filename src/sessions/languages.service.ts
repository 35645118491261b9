import { Injectable } from '@nestjs/common';
import { DRF_MESSAGES, MAX_INT_ID } from '../common/validation';
import { FieldErrorsException } from '../common/errors';
import { baseLanguageCode, chooseLanguage } from './languages';
import { LanguagesRepository } from './languages.repository';

@Injectable()
export class LanguagesService {
  constructor(private readonly languages: LanguagesRepository) {}

  /** The id of the language `code` names (regional codes allowed), or a 400 naming `field`. */
  async idOfCode(code: string, field = 'language'): Promise<number> {
    const base = baseLanguageCode(code);
    const id = base ? await this.languages.idOfCode(base) : undefined;
    if (id === undefined)
      throw FieldErrorsException.of(field, `"${code}" is not a known ISO 639-1 language code.`);
    return id;
  }

  /** The code of language `id` (null: no language, or none stored with that id). */
  async codeOf(id: number | null): Promise<string | null> {
    return id === null ? null : ((await this.languages.codeOfId(id)) ?? null);
  }

  /** Checks that every id of `ids` names a language, else a 400 naming `field`. */
  async checkIds(ids: number[], field: string): Promise<void> {
    const known = await this.languages.existingIds([...new Set(ids)]);
    const missing = ids.find((id) => !known.has(id));
    if (missing !== undefined) throw FieldErrorsException.of(field, DRF_MESSAGES.invalidPk(missing));
  }

  /** Checks that every code of `codes` names a language, else a 400 naming `field`. */
  async checkCodes(codes: string[], field: string): Promise<void> {
    for (const code of new Set(codes)) await this.idOfCode(code, field);
  }

  /** Applies Roundware's precedence (`language` over `language_id`, default `en`) and checks the result exists. */
  async resolve(input: { language?: string | null; language_id?: number | null }): Promise<number> {
    const choice = chooseLanguage(input);
    if (choice.by === 'code') return this.idOfCode(choice.code);
    const exists = choice.id >= 1 && choice.id <= MAX_INT_ID && (await this.languages.exists(choice.id));
    if (!exists) throw FieldErrorsException.of('language_id', DRF_MESSAGES.invalidPk(choice.id));
    return choice.id;
  }
}
