import { randomBytes } from 'node:crypto';
import { ConfigError, loadAppConfig, secretWeakness } from '../config/app-config';

const production = (secret: string) => ({ NODE_ENV: 'production', JWT_SECRET: secret });

describe('JWT_SECRET strength in production', () => {
  it.each([
    ['one repeated character', 'a'.repeat(40)],
    ['two characters alternating', 'ab'.repeat(20)],
    ['a word repeated', 'password'.repeat(4)],
    ['a sequence repeated', '0123456789abcdef'.repeat(2)],
    ['few distinct characters', 'aaaaaaaaaaaaaaaaaaaaaaaaabcdefgh'],
  ])('refuses %s with a ConfigError naming JWT_SECRET', (_name, secret) => {
    expect(() => loadAppConfig(production(secret))).toThrow(ConfigError);
    expect(() => loadAppConfig(production(secret))).toThrow(/JWT_SECRET .*predictable/);
  });

  it('accepts random secrets (16+ bytes, hex or base64)', () => {
    for (let i = 0; i < 50; i++) {
      expect(secretWeakness(randomBytes(16).toString('hex'))).toBeNull();
      expect(secretWeakness(randomBytes(32).toString('base64url'))).toBeNull();
    }
    expect(loadAppConfig(production(randomBytes(48).toString('base64'))).jwt.secret).toHaveLength(64);
  });

  it('leaves development and test alone (beyond the length rule)', () => {
    expect(loadAppConfig({ NODE_ENV: 'test', JWT_SECRET: 'a'.repeat(40) }).jwt.secret).toBe('a'.repeat(40));
  });
});
