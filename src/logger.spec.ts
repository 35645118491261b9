import { redactUrl } from './logger';

describe('redactUrl', () => {
  it('leaves URLs without credentials alone', () => {
    expect(redactUrl('/api/2/sessions/?project_id=1&page=2')).toBe('/api/2/sessions/?project_id=1&page=2');
    expect(redactUrl('/health')).toBe('/health');
  });

  it('masks parameters named like credentials and values shaped like API keys or JWTs', () => {
    expect(redactUrl('/auth/me?token=abc&page=1')).toBe('/auth/me?token=[redacted]&page=1');
    expect(redactUrl('/x?access_token=a&api_key=b&password=c&refresh=d')).toBe(
      '/x?access_token=[redacted]&api_key=[redacted]&password=[redacted]&refresh=[redacted]',
    );
    expect(redactUrl('/x?q=shk_abcdef&r=eyJhbGciOi.eyJzdWIi.sig&s=plain')).toBe(
      '/x?q=[redacted]&r=[redacted]&s=plain',
    );
    expect(redactUrl('/x?q=%E0%A4%A&token=%zz')).toBe('/x?q=%E0%A4%A&token=[redacted]');
  });
});
