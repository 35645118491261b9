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

  /** Applies Roundware's precedence (`language` over `language_id`, default `en`) and checks the result exists. */
  async resolve(input: { language?: string | null; language_id?: number | null }): Promise<number> {
    const choice = chooseLanguage(input);
    if (choice.by === 'code') return this.idOfCode(choice.code);
    const exists = choice.id >= 1 && choice.id <= MAX_INT_ID && (await this.languages.exists(choice.id));
    if (!exists) throw FieldErrorsException.of('language_id', DRF_MESSAGES.invalidPk(choice.id));
    return choice.id;
  }
}
