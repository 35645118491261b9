import { baseLanguageCode, chooseLanguage } from './languages';

describe('Roundware language rules', () => {
  it('reads the base language of a regional code, in any case and with either separator', () => {
    expect(baseLanguageCode('en-US')).toBe('en');
    expect(baseLanguageCode('pt_BR')).toBe('pt');
    expect(baseLanguageCode(' FR ')).toBe('fr');
    expect(baseLanguageCode('es')).toBe('es');
  });

  it('refuses what is not a two-letter code', () => {
    for (const bad of ['', 'eng', 'e', '12', 'english', '-US', 'é']) expect(baseLanguageCode(bad)).toBeNull();
  });

  it('lets language win over language_id', () => {
    expect(chooseLanguage({ language: 'fr', language_id: 7 })).toEqual({ by: 'code', code: 'fr' });
  });

  it('uses language_id when no language is given', () => {
    expect(chooseLanguage({ language_id: 7 })).toEqual({ by: 'id', id: 7 });
    expect(chooseLanguage({ language: null, language_id: 7 })).toEqual({ by: 'id', id: 7 });
  });

  it('defaults to English', () => {
    expect(chooseLanguage({})).toEqual({ by: 'code', code: 'en' });
    expect(chooseLanguage({ language: null, language_id: null })).toEqual({ by: 'code', code: 'en' });
  });
});
