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
    expect(sanitizeBasicHtml('<img src="https://e.x/a.png" onerror="alert(1)">after')).toBe(
      '<img src="https://e.x/a.png" />after',
    );
    expect(
      sanitizeBasicHtml('<div onmouseover="x()" itemscope itemtype="https://schema.org/Event">d</div>'),
    ).toBe('<div itemscope itemtype="https://schema.org/Event">d</div>');
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

  it("keeps every tag and attribute of Guidebook's Basic HTML page", () => {
    const documented =
      '<h7>seven</h7><h8>eight</h8><p><kbd>k</kbd> <q>q</q> <var>v</var> <tt>t</tt> <samp>s</samp></p>' +
      '<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>' +
      '<table border="1" cellpadding="2"><tbody><tr><td align="center" valign="top" itemprop="x">a</td></tr></tbody></table>' +
      '<p title="t" lang="en" dir="ltr">x</p>';
    expect(sanitizeBasicHtml(documented)).toBe(documented);
  });

  it('drops javascript: and data: from every URL-valued attribute, and src outside img', () => {
    expect(sanitizeBasicHtml('<img src="javascript:alert(1)">')).toBe('<img />');
    expect(sanitizeBasicHtml('<img src="data:image/png;base64,AAAA">')).toBe('<img />');
    expect(sanitizeBasicHtml('<blockquote cite="javascript:alert(1)">q</blockquote>')).toBe(
      '<blockquote>q</blockquote>',
    );
    expect(sanitizeBasicHtml('<p action="javascript:alert(1)" longdesc="vbscript:x">p</p>')).toBe('<p>p</p>');
    expect(sanitizeBasicHtml('<span src="https://e.x/a.png" style="x" onload="y">s</span>')).toBe(
      '<span>s</span>',
    );
    expect(sanitizeBasicHtml('<svg onload="alert(1)"><a href="javascript:x">x</a></svg>ok')).toBe('ok');
    expect(sanitizeBasicHtml('<img src=x onerror=alert(1)//>')).toBe('<img src="x" />');
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
