import sanitizeHtml from 'sanitize-html';

/** Every attribute Guidebook's page allows on all tags (none is an event handler or `style`). */
const ALL_TAG_ATTRIBUTES = (
  'abbr accept accept-charset accesskey action align alt axis border cellpadding cellspacing char charoff ' +
  'charset checked cite clear cols colspan color compact coords datetime dir disabled enctype for frame ' +
  'headers height hreflang hspace ismap label lang longdesc maxlength media method multiple name nohref ' +
  'noshade nowrap prompt readonly rel rev rows rowspan rules scope selected shape size span start summary ' +
  'tabindex target title type usemap valign value vspace width itemprop'
).split(' ');

/**
 * The allow-list of Guidebook's "Basic HTML" page (Guidebook/api-docs: source/v1/includes/_html_text.md):
 * its tags by group, `a href`, `img src`, `div itemscope itemtype`, and the attributes it allows on all
 * tags. URL-valued attributes keep only http(s) (and mailto on links), so no `javascript:` survives.
 * Everything else is removed on write (script and style elements with their content; other unknown tags
 * are unwrapped, keeping their text), so stored HTML is safe to render in an app or a web page.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8'],
    ...['a', 'p', 'div', 'blockquote', 'pre'],
    ...[
      'span',
      'b',
      'u',
      'i',
      'strong',
      'em',
      'tt',
      'code',
      'ins',
      'del',
      'sup',
      'sub',
      'kbd',
      'samp',
      'q',
      'var',
    ],
    ...['ol', 'ul', 'li', 'dl', 'dt', 'dd'],
    ...['table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th'],
    ...['br', 'hr', 'ruby', 'rt', 'rp', 'img'],
  ],
  allowedAttributes: {
    '*': ALL_TAG_ATTRIBUTES,
    a: ['href'],
    img: ['src'],
    div: ['itemscope', 'itemtype'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], div: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'action', 'longdesc', 'usemap', 'itemtype'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Drop the content of these entirely instead of keeping their text.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
  ],
};

/** Sanitises `html` to Guidebook's basic HTML; null stays null. */
export function sanitizeBasicHtml(html: string): string;
export function sanitizeBasicHtml(html: string | null): string | null;
export function sanitizeBasicHtml(html: string | null): string | null {
  if (html === null) return null;
  return sanitizeHtml(html, OPTIONS);
}
