import { loadAppConfig } from '../config/app-config';
import { signature } from './webhook-poller.service';
import { isPrivateAddress, webhookUrlProblem } from './webhook-url';

describe('webhook URLs', () => {
  it('accepts public http(s) URLs only', () => {
    expect(webhookUrlProblem('https://hooks.example.org/x', false)).toBeNull();
    expect(webhookUrlProblem('http://93.184.216.34:8080/x', false)).toBeNull();
    expect(webhookUrlProblem('ftp://example.org/', false)).toBe('Only http and https URLs are allowed.');
    expect(webhookUrlProblem('file:///etc/passwd', false)).toBe('Only http and https URLs are allowed.');
    expect(webhookUrlProblem('nope', false)).toBe('Enter a valid URL.');
    expect(webhookUrlProblem('http://u:p@example.org/', false)).toBe(
      'A URL with credentials is not allowed.',
    );
  });

  it.each([
    'http://127.0.0.1/',
    'http://localhost/',
    'http://a.localhost/',
    'http://10.1.2.3/',
    'http://172.16.0.1/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    'http://[::ffff:127.0.0.1]/',
  ])('refuses the private address of %s unless allowed', (url) => {
    expect(webhookUrlProblem(url, false)).toBe('Private, loopback and link-local addresses are not allowed.');
    expect(webhookUrlProblem(url, true)).toBeNull();
  });

  it('tells private from public resolved addresses', () => {
    expect(isPrivateAddress('127.0.0.2')).toBe(true);
    expect(isPrivateAddress('::ffff:10.0.0.1')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2606:4700::1111')).toBe(false);
    expect(isPrivateAddress('not an ip')).toBe(true);
  });

  it('signs the raw body with HMAC-SHA256 of the secret', () => {
    expect(signature('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it('reads the WEBHOOK_* settings', () => {
    expect(loadAppConfig({}).webhooks).toEqual({
      allowPrivate: false,
      timeoutMs: 5000,
      pollMs: 1000,
      retryBaseMs: 5000,
      maxAttempts: 8,
      leaseMs: 60_000,
    });
    expect(loadAppConfig({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '0' }).webhooks).toMatchObject({
      allowPrivate: true,
      pollMs: 0,
    });
  });
});
