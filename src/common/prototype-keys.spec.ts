import { plainToInstance } from 'class-transformer';
import { stripPrototypeKeys } from './prototype-keys';

class Probe {
  name?: unknown;
}

describe('stripPrototypeKeys', () => {
  it('removes own __proto__ and constructor keys at every depth, in objects and arrays', () => {
    const body = JSON.parse(
      '{"name":"a","constructor":1,"__proto__":{"x":1},"list":[{"constructor":"Tx","keep":[{"__proto__":2,"b":3}]}]}',
    );
    stripPrototypeKeys(body);
    expect(JSON.stringify(body)).toBe('{"name":"a","list":[{"keep":[{"b":3}]}]}');
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
  });

  it('leaves primitives and inherited keys alone', () => {
    for (const value of [null, 1, 'constructor', true, undefined])
      expect(() => stripPrototypeKeys(value)).not.toThrow();
    const plain = { a: { b: 1 } };
    stripPrototypeKeys(plain);
    expect(plain).toEqual({ a: { b: 1 } });
  });

  it('is what keeps class-transformer from crashing on a nested own `constructor`', () => {
    const body = JSON.parse('{"name":[{"constructor":"Tx"}]}');
    expect(() => plainToInstance(Probe, body)).toThrow(TypeError);
    stripPrototypeKeys(body);
    expect(plainToInstance(Probe, body)).toEqual({ name: [{}] });
  });
});
