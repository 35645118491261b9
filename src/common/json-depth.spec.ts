import { assertJsonDepth } from './json-depth';

describe('assertJsonDepth', () => {
  const nested = (depth: number) => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`);

  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(() => assertJsonDepth(nested(3), 3)).not.toThrow();
    expect(() => assertJsonDepth(nested(4), 3)).toThrow('nested too deeply (more than 3 levels)');
    expect(() => assertJsonDepth(Buffer.from('{"a":{"b":{"c":{}}}}'), 3)).toThrow();
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(() => assertJsonDepth(Buffer.from('{"a":"[[[[{{{{\\"[[[["}'), 2)).not.toThrow();
    expect(() => assertJsonDepth(Buffer.from('["\\\\", [[1]]]'), 3)).not.toThrow();
    expect(() => assertJsonDepth(Buffer.from('["\\\\", [[[1]]]]'), 3)).toThrow();
  });
});
