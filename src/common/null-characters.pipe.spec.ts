import { FieldErrorsException } from './errors';
import { NullCharactersPipe, nullCharacterPaths } from './null-characters.pipe';

describe('NullCharactersPipe', () => {
  const pipe = new NullCharactersPipe();

  it('finds NUL in nested strings, with DRF-style paths', () => {
    expect(nullCharacterPaths({ a: 'ok', b: { c: ['x', 'y\u0000'] }, d: 'z\u0000' })).toEqual(['b.c.1', 'd']);
    expect(nullCharacterPaths({ a: 1, b: null, c: ['fine'] })).toEqual([]);
  });

  it('passes clean values through and refuses NUL with field errors', () => {
    expect(pipe.transform({ name: 'ok' }, { type: 'body' })).toEqual({ name: 'ok' });
    try {
      pipe.transform({ name: 'a\u0000b' }, { type: 'body' });
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(FieldErrorsException);
      expect((error as FieldErrorsException).errors).toEqual({ name: ['Null characters are not allowed.'] });
    }
    expect(() => pipe.transform('1\u0000', { type: 'param', data: 'id' })).toThrow(FieldErrorsException);
  });

  it('keeps a field named __proto__ as an own key of the errors', () => {
    const body = JSON.parse('{"__proto__": "a\\u0000b"}') as unknown;
    try {
      pipe.transform(body, { type: 'body' });
      throw new Error('not refused');
    } catch (error) {
      const errors = (error as FieldErrorsException).errors;
      expect(JSON.stringify(errors)).toBe('{"__proto__":["Null characters are not allowed."]}');
      expect(Object.getPrototypeOf(errors)).toBe(Object.prototype);
    }
  });
});
