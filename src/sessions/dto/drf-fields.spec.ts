import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, validateSync } from 'class-validator';
import { DrfBoolean, DrfInt, IsIdValue } from './drf-fields';

class Probe {
  @IsOptional() @DrfBoolean() @IsBoolean() flag?: unknown;
  @IsOptional() @DrfInt() @IsInt() n?: unknown;
  @IsOptional() @DrfInt() @IsIdValue() id?: unknown;
}

const parse = (plain: object) => {
  const probe = plainToInstance(Probe, plain);
  return { probe, errors: validateSync(probe) };
};

describe('DRF field parsing', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['1', true],
    [1, true],
    [true, true],
    ['false', false],
    ['FALSE', false],
    ['0', false],
    [false, false],
    // DRF BooleanField's spellings, the same on every surface (src/common/validation)
    ['yes', true],
    ['on', true],
    ['no', false],
    ['off', false],
  ])('reads %p as the boolean %p', (value, expected) => {
    const { probe, errors } = parse({ flag: value });
    expect(errors).toEqual([]);
    expect(probe.flag).toBe(expected);
  });

  it.each(['', 'tRuE', ' true', 2, 'truthy'])('refuses %p as a boolean', (value) => {
    expect(parse({ flag: value }).errors.map((e) => e.property)).toEqual(['flag']);
  });

  it('reads decimal text as an integer, and nothing else', () => {
    expect(parse({ n: '42' }).probe.n).toBe(42);
    expect(parse({ n: ' 7 ' }).probe.n).toBe(7);
    for (const bad of ['', '1.5', 'abc', '1e3', '0x10']) {
      expect(parse({ n: bad }).errors.map((e) => e.property)).toEqual(['n']);
    }
  });

  it('keeps ids within 1..2147483647 with one message each', () => {
    expect(parse({ id: '2147483647' }).errors).toEqual([]);
    const messages = (id: unknown) => parse({ id }).errors.flatMap((e) => Object.values(e.constraints ?? {}));
    expect(messages('2147483648')).toEqual(['Ensure this value is less than or equal to 2147483647.']);
    expect(messages('0')).toEqual(['Ensure this value is greater than or equal to 1.']);
    expect(messages('abc')).toEqual(['Enter a whole number.']);
  });
});
