/**
 * Roundware's language rules for a new session, as pure functions (the database look-up is the
 * LanguagesService's job): `language` (a code) wins over `language_id`; a regional code such as `en-US`
 * or `pt_BR` names its base language; with neither, the session is in English.
 */
export const DEFAULT_LANGUAGE_CODE = 'en';

export type LanguageChoice = { by: 'code'; code: string } | { by: 'id'; id: number };

/** The ISO 639-1 code that `text` names (`en-US` → `en`, ` FR ` → `fr`), or null when it names none. */
export function baseLanguageCode(text: string): string | null {
  const base = text.trim().toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2}$/.test(base) ? base : null;
}

/** Which of the two inputs decides the language: `language` when given, else `language_id`, else `en`. */
export function chooseLanguage(input: {
  language?: string | null;
  language_id?: number | null;
}): LanguageChoice {
  if (input.language !== undefined && input.language !== null) return { by: 'code', code: input.language };
  if (input.language_id !== undefined && input.language_id !== null)
    return { by: 'id', id: input.language_id };
  return { by: 'code', code: DEFAULT_LANGUAGE_CODE };
}
