import { sanitizeBasicHtml } from './basic-html';

describe('sanitizeBasicHtml', () => {
  it('keeps the allowed tags and the seed example unchanged', () => {
    const seed = '<p>This is a description field that supports basic HTML</p>';
    expect(sanitizeBasicHtml(seed)).toBe(seed);
    const rich =
      '<h2>Title</h2><div><strong>bold</strong> <em>it</em> <u>u</u><br /></div>' +
      '<ul><li>one</li></ul><ol><li>two</li></ol>' +
      '<table><tbody><tr><th colspan="2">h</th></tr><tr><td>a</td><td>b</td></tr></tbody></table>';
    expect(sanitizeBasicHtml(rich)).toBe(rich);
  });

  it('removes script and style elements with their content', () => {
    expect(sanitizeBasicHtml('<p>hi</p><script>alert(1)</script><style>p{}</style>')).toBe('<p>hi</p>');
  });

  it('removes event handlers, style and class attributes', () => {
    expect(sanitizeBasicHtml('<p onclick="x()" style="color:red" class="c">t</p>')).toBe('<p>t</p>');
    expect(sanitizeBasicHtml('<img src="x" onerror="alert(1)">after')).toBe('after');
  });

  it('keeps http, https and mailto links and drops javascript: and data: URLs', () => {
    expect(sanitizeBasicHtml('<a href="https://example.com" title="t">x</a>')).toBe(
      '<a href="https://example.com" title="t">x</a>',
    );
    expect(sanitizeBasicHtml('<a href="mailto:a@b.c">m</a>')).toBe('<a href="mailto:a@b.c">m</a>');
    expect(sanitizeBasicHtml('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeBasicHtml('<a href="JaVaScRiPt&#58;alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeBasicHtml('<a href="data:text/html,hi">x</a>')).toBe('<a>x</a>');
    expect(sanitizeBasicHtml('<a href="//evil.example">x</a>')).toBe('<a>x</a>');
  });

  it('unwraps unknown tags but keeps their text, and escapes stray markup', () => {
    expect(sanitizeBasicHtml('<section><p>a</p></section><iframe src="x">no</iframe>')).toBe('<p>a</p>');
    expect(sanitizeBasicHtml('1 < 2 & 3')).toBe('1 &lt; 2 &amp; 3');
  });

  it('leaves null and empty values alone', () => {
    expect(sanitizeBasicHtml(null)).toBeNull();
    expect(sanitizeBasicHtml('')).toBe('');
  });
});
