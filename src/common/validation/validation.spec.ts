import { NotFoundException } from '@nestjs/common';
import { IdPipe, isIntId, parseDrfBoolean } from '.';

describe('validation toolkit', () => {
  it("reads DRF BooleanField's spellings and nothing else", () => {
    // DRF's TRUE_VALUES / FALSE_VALUES, spelled out here independently of the implementation
    const truthy = [...'t T y Y yes Yes YES true True TRUE on On ON 1'.split(' '), 1, true];
    const falsy = [...'f F n N no No NO false False FALSE off Off OFF 0'.split(' '), 0, false];
    for (const t of truthy) expect(parseDrfBoolean(t)).toBe(true);
    for (const f of falsy) expect(parseDrfBoolean(f)).toBe(false);
    for (const bad of ['', ' true', 'tRuE', 'yEs', '2', 2, null, [], {}, 'null'])
      expect(parseDrfBoolean(bad)).toBeUndefined();
  });

  it('an id is ^[1-9][0-9]*$ within 32 bits', () => {
    for (const ok of ['1', '42', '2147483647']) expect(isIntId(ok)).toBe(true);
    for (const bad of [
      '0',
      '01',
      '1e1',
      '0x1',
      ' 1',
      '1 ',
      '1.0',
      '+1',
      '-1',
      '2147483648',
      '99999999999',
      '',
    ])
      expect(isIntId(bad)).toBe(false);
  });

  it('IdPipe passes canonical ids and answers 404 to anything else, numbers included', () => {
    const pipe = new IdPipe();
    expect(pipe.transform('7')).toBe(7);
    expect(() => pipe.transform('1e1')).toThrow(NotFoundException);
    expect(() => pipe.transform(10)).toThrow(NotFoundException);
  });
});
