/**
 * fast-check arbitraries for hostile input: adversarial JSON values, bodies shaped like an endpoint's
 * DTO with one field turned hostile, malformed JSON, wrong content types and oversized bodies. Every
 * arbitrary produces a `HostileRequest` — the raw bytes and headers to send — so that what reaches the
 * server is exactly what a hostile client could send (including own `__proto__` keys, which an object
 * literal cannot hold).
 */
import fc from 'fast-check';

/** Short descriptions in fast-check's counterexamples (bodies can be 64 KiB). */
function describe(this: HostileRequest): string {
  const body = this.body === undefined ? '' : String(this.body);
  const shown = body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body;
  return `${this.kind} ${this.contentType ?? '(no content-type)'} ${JSON.stringify(this.extraHeaders ?? {})} ${JSON.stringify(shown)}`;
}

export function hostile(req: HostileRequest): HostileRequest {
  return Object.defineProperty(req, fc.toStringMethod, { value: describe, enumerable: false });
}

export interface HostileRequest {
  kind: 'json' | 'form' | 'malformed' | 'content-type' | 'oversized';
  contentType?: string;
  extraHeaders?: Record<string, string>;
  /** Raw body text (undefined: no body). */
  body?: string | Buffer;
}

/** Keys that attack prototypes or confuse mappers. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)--',
  "admin'--",
  "') UNION SELECT key_hash FROM api_keys --",
  '%',
  '_',
  '\\',
];
const HTML = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
];
const NAN_LIKE = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x10',
  '1_000',
  ' 1',
  '1.0',
  '',
  ' ',
  'null',
  'true',
  '[]',
  '{}',
];
const ODD_UNICODE = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\ufeff',
  'Ω≈ç√∫',
  '𝕳𝖊𝖑𝖑𝖔',
  '👩‍👩‍👧‍👦',
  'e\u0301',
  '\r\n\t',
  'ｔｅｓｔ',
];

/** Percent-encodes like encodeURIComponent, but lone surrogates become their (replacement) UTF-8 bytes. */
function pct(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

/** Raw query values that are not valid percent-encoding or not valid UTF-8 once decoded. */
const RAW_QUERY_VALUES = ['%', '%zz', '%E0%A4%A', '%ED%A0%80', '%00', '%FF%FE', '+', '%2B1', '1%00'];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(...SQL, ...HTML, ...NAN_LIKE, ...ODD_UNICODE) },
  // NUL inside otherwise plausible text (PostgreSQL cannot store it)
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }))
      .map(([a, b]) => `${a}\u0000${b}`),
  },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 2_000 }).map((n) => '😀'.repeat(n)) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(), // NaN and ±Infinity serialise as null
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    2 ** 31,
    2 ** 31 - 1,
    2 ** 53 + 1,
    -(2 ** 63),
    Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    1e308,
  ),
);

/** Any JSON value, hostile at every level (bounded size). */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    hostileNumber,
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    tie('object'),
  ),
  object: fc.dictionary(
    fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 10 })),
    tie('value'),
    {
      maxKeys: 4,
    },
  ),
})).value;

/** Nesting deep enough to hurt naive recursive code, still under the body limit. */
export const deepNesting: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 50, max: 5_000 }),
    fc.constantFrom('array', 'object'),
    fc.constantFrom(...['a', 'username', 'name']),
  )
  .map(([depth, shape, key]) =>
    shape === 'array'
      ? `{"${key}": ${'['.repeat(depth)}${']'.repeat(depth)}}`
      : `{"${key}": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
  );

/** A JSON text with an own `__proto__` / `constructor` key next to otherwise valid fields. */
function withHostileKey(valid: Record<string, unknown>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...HOSTILE_KEYS), hostileValue, fc.constantFrom('first', 'last'))
    .map(([key, value, where]) => {
      const inner = JSON.stringify(valid).slice(1, -1);
      const extra = `${JSON.stringify(key)}:${JSON.stringify(value ?? { polluted: 'yes' }) ?? 'null'}`;
      const parts = inner ? (where === 'first' ? [extra, inner] : [inner, extra]) : [extra];
      return `{${parts.join(',')}}`;
    });
}

function json(text: string): HostileRequest {
  return hostile({ kind: 'json', contentType: 'application/json', body: text });
}

/** How an endpoint reads its body, beyond a flat JSON object of its DTO's fields. */
export interface BodyShape {
  /**
   * Puts the generated object (JSON text) where the endpoint reads it: `[validItem, body]` for a batch,
   * `{"media": body}` for a nested DTO. Whole-body garbage and deep nesting are sent unwrapped too.
   */
  wrap?: (json: string) => string;
  /** The endpoint also reads `application/x-www-form-urlencoded`: half of the bodies are form data. */
  form?: boolean;
}

/**
 * Bodies aimed at one endpoint: `valid` is a body the endpoint accepts, `fields` its DTO's fields.
 * Mostly "valid with one field hostile" (reaches the deepest validation), plus whole-body garbage,
 * hostile keys, deep nesting, and a few valid bodies.
 */
export function hostileJsonBody(
  valid: fc.Arbitrary<Record<string, unknown>>,
  fields: string[],
  wrap: (json: string) => string = (text) => text,
): fc.Arbitrary<HostileRequest> {
  // an endpoint without a body DTO still gets bodies (its parser and pipes must cope)
  const names = fields.length ? fields : ['a'];
  const oneFieldHostile = fc
    .tuple(valid, fc.constantFrom(...names), hostileValue, fc.boolean())
    .map(([body, field, value, drop]) => {
      const copy: Record<string, unknown> = { ...body };
      if (drop) delete copy[field];
      else copy[field] = value;
      return JSON.stringify(copy);
    });
  const fieldsOnly = fc
    .dictionary(fc.constantFrom(...names), hostileValue, { maxKeys: names.length })
    .map((body) => JSON.stringify(body));
  const anyTopLevel = hostileValue.map((v) => JSON.stringify(v) ?? 'null');
  return fc.oneof(
    { weight: 6, arbitrary: oneFieldHostile.map(wrap).map(json) },
    { weight: 2, arbitrary: fieldsOnly.map(wrap).map(json) },
    { weight: 1, arbitrary: anyTopLevel.map(json) },
    { weight: 1, arbitrary: anyTopLevel.map(wrap).map(json) },
    { weight: 2, arbitrary: valid.chain(withHostileKey).map(wrap).map(json) },
    { weight: 1, arbitrary: deepNesting.map(json) },
    { weight: 1, arbitrary: valid.map((b) => json(wrap(JSON.stringify(b)))) },
  );
}

/** A body as a form: arrays become repeated keys, null an empty value, objects their JSON. */
function formPairs(body: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(body).flatMap(([key, value]): Array<[string, string]> => {
    // numbers and booleans stringify as a form would send them; objects as their JSON
    const text = (v: unknown): string =>
      v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    return Array.isArray(value) ? value.map((v) => [key, pct(text(v))]) : [[key, pct(text(value))]];
  });
}

const encodeForm = (pairs: Array<[string, string]>) => pairs.map(([k, v]) => `${k}=${v}`).join('&');

function form(text: string): HostileRequest {
  return hostile({ kind: 'form', contentType: 'application/x-www-form-urlencoded', body: text });
}

/** Values as a form sends them (already percent-encoded): hostile text, numbers, broken escapes. */
const hostileFormValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString.map(pct) },
  { weight: 2, arbitrary: hostileNumber.map((n) => pct(String(n))) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERY_VALUES, '', '[]', '%5B1%2C2%5D', '1,2,x', 'true') },
);

/**
 * Form-encoded bodies for an endpoint that reads forms: valid with one field hostile, dropped, repeated
 * or in bracket syntax (`field[]`, `field[a]`, which extended parsers turn into arrays and objects),
 * prototype keys in bracket syntax, brackets nested deep, thousands of parameters, and valid forms.
 */
export function hostileFormBody(
  valid: fc.Arbitrary<Record<string, unknown>>,
  fields: string[],
): fc.Arbitrary<HostileRequest> {
  const oneFieldHostile = fc
    .tuple(
      valid,
      fc.constantFrom(...fields),
      hostileFormValue,
      fc.constantFrom('set', 'drop', 'repeat', '[]', '[a]'),
    )
    .map(([body, field, value, how]) => {
      const pairs = formPairs(body);
      const others = pairs.filter(([k]) => k !== field);
      if (how === 'drop') return encodeForm(others);
      if (how === 'set') return encodeForm([...others, [field, value]]);
      if (how === 'repeat') return encodeForm([...pairs, [field, value]]);
      return encodeForm([...others, [`${field}${how}`, value]]);
    });
  const prototypeKeys = fc
    .tuple(
      valid,
      fc.constantFrom(
        '__proto__[polluted]=yes',
        'constructor[prototype][polluted]=yes',
        '__proto__=yes',
        'toString=yes',
        'hasOwnProperty=yes',
        '__proto__%5Bpolluted%5D=yes',
        'a[__proto__][polluted]=yes',
      ),
    )
    .map(([body, extra]) => `${encodeForm(formPairs(body))}&${extra}`);
  const deepBrackets = fc
    .tuple(fc.constantFrom(...fields), fc.integer({ min: 5, max: 2_000 }))
    .map(([field, depth]) => `${field}${'[a]'.repeat(depth)}=1`);
  const manyParameters = fc
    .tuple(fc.constantFrom(...fields), fc.integer({ min: 900, max: 3_000 }))
    .map(([field, n]) => Array.from({ length: n }, (_, i) => `${i % 2 ? field : `p${i}`}=${i}`).join('&'));
  return fc.oneof(
    { weight: 6, arbitrary: oneFieldHostile.map(form) },
    { weight: 2, arbitrary: prototypeKeys.map(form) },
    { weight: 1, arbitrary: deepBrackets.map(form) },
    { weight: 1, arbitrary: manyParameters.map(form) },
    { weight: 1, arbitrary: valid.map((b) => form(encodeForm(formPairs(b)))) },
  );
}

export const malformedJson: fc.Arbitrary<HostileRequest> = fc
  .oneof(
    fc.constantFrom(
      '{',
      '{"username": "admin",',
      '[1, 2',
      'nul',
      "{'a': 1}",
      '{"a": 1,}',
      '{"a": NaN}',
      '{"a": Infinity}',
      '{"a": 0x10}',
      '{"a": undefined}',
      '{"a" 1}',
      '\u0000',
      '"unterminated',
      '{"a": "\\x41"}',
      '{"a": "\\ud800"}',
      '/* comment */ {}',
    ),
    fc.string({ minLength: 1, maxLength: 200 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    }),
  )
  .map((body) => hostile({ kind: 'malformed', contentType: 'application/json', body }));

export function wrongContentType(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<HostileRequest> {
  return fc
    .tuple(
      valid,
      fc.constantFrom(
        'text/plain',
        'application/xml',
        'multipart/form-data',
        'multipart/form-data; boundary=xyz',
        'application/octet-stream',
        'application/x-www-form-urlencoded',
        'application/json; charset=utf-16',
        'application/json; charset=latin-9000',
        'application/json-patch+json',
        'image/png',
        '',
      ),
      fc.constantFrom('json', 'form', 'garbage'),
      fc.constantFrom(undefined, 'gzip', 'br', 'x-unknown'),
    )
    .map(([body, contentType, encoding, contentEncoding]) =>
      hostile({
        kind: 'content-type' as const,
        contentType: contentType || undefined,
        extraHeaders: contentEncoding ? { 'content-encoding': contentEncoding } : undefined,
        body:
          encoding === 'json'
            ? JSON.stringify(body)
            : encoding === 'form'
              ? `${encodeForm(formPairs(body))}&__proto__[polluted]=yes&constructor[prototype][polluted]=yes`
              : Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80, 0x22]),
      }),
    );
}

/** Bodies just over `limit` bytes, as JSON and as other types. */
export function oversized(limit: number): fc.Arbitrary<HostileRequest> {
  return fc
    .tuple(
      fc.integer({ min: 1, max: limit }),
      fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'),
    )
    .map(([extra, contentType]) =>
      hostile({
        kind: 'oversized' as const,
        contentType,
        body:
          contentType === 'application/json'
            ? `{"a":"${'x'.repeat(limit + extra)}"}`
            : 'a='.padEnd(limit + extra, 'x'),
      }),
    );
}

/** Every kind of hostile request for one write endpoint. */
export function hostileRequest(
  valid: fc.Arbitrary<Record<string, unknown>>,
  fields: string[],
  bodyLimit: number,
  shape: BodyShape = {},
): fc.Arbitrary<HostileRequest> {
  const bodies = hostileJsonBody(valid, fields, shape.wrap);
  return fc.oneof(
    ...(shape.form
      ? [
          { weight: 5, arbitrary: bodies },
          { weight: 5, arbitrary: hostileFormBody(valid, fields) },
        ]
      : [{ weight: 10, arbitrary: bodies }]),
    { weight: 2, arbitrary: malformedJson },
    { weight: 2, arbitrary: wrongContentType(valid) },
    { weight: 1, arbitrary: oversized(bodyLimit) },
  );
}

/**
 * Query strings for a list endpoint: hostile values of its filters, unknown and repeated parameters,
 * mixed with `plausible` values (name → raw values that should work) so that combinations reach the SQL.
 */
export function hostileQuery(
  params: string[],
  plausible: Record<string, string[]> = {},
): fc.Arbitrary<string> {
  // values up to ~500 chars each: much longer URLs are refused by Node's HTTP parser (431) before the app
  const value = fc.oneof(
    { weight: 4, arbitrary: hostileString.map((v) => pct(v.slice(0, 500))) },
    { weight: 2, arbitrary: hostileNumber.map((n) => pct(String(n))) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERY_VALUES) },
  );
  const odd = fc.constantFrom(...HOSTILE_KEYS, 'page[a]', 'page[]', 'x', '');
  const name = params.length
    ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...params) }, { weight: 1, arbitrary: odd })
    : odd;
  const good = Object.entries(plausible).flatMap(([k, vs]) => vs.map((v) => [k, v] as [string, string]));
  const pair = good.length
    ? fc.oneof(
        { weight: 3, arbitrary: fc.tuple(name, value) },
        { weight: 2, arbitrary: fc.constantFrom(...good) },
      )
    : fc.tuple(name, value);
  return fc
    .array(pair, { maxLength: 5 })
    .map((pairs) =>
      pairs.map(([k, v]) => `${pct(k).replace('%5B', '[').replace('%5D', ']')}=${v}`).join('&'),
    );
}
