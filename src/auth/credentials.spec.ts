import { credentialFromHeader } from './credentials';

describe('credentialFromHeader', () => {
  it.each(['Bearer abc', 'JWT abc', 'token abc', 'Token abc', 'bearer abc', '  JWT   abc  '])(
    'reads %p',
    (header) => {
      expect(credentialFromHeader(header)).toBe('abc');
    },
  );
  it.each([undefined, '', 'abc', 'Basic abc', 'Bearer', 'Bearer a b'])('ignores %p', (header) => {
    expect(credentialFromHeader(header)).toBeNull();
  });
});
