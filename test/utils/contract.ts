import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type TestAgent from 'supertest/lib/agent';
import { dialectOf } from '../../src/common/filters/dialect-exception.filter';

/**
 * The contract test: every response the e2e suite receives through `t.http` (and through the typed
 * client) is validated against the COMMITTED spec, openapi/openapi.json, for its path template, method,
 * status and content type. A status the operation does not document, a content type it does not
 * document, or a body that does not match the schema fails the request's test. Objects are closed for the
 * check (a property the schema does not name fails), so a DTO that forgets a field is caught too.
 *
 * Not validated (and not counted): the Swagger UI and its JSON/YAML (`/docs*`), which are not part of
 * the API, and CORS preflights (`OPTIONS`), which the CORS middleware answers before any operation. A request to a path or method the spec does not have may only answer the dialect's 404
 * (unknown routes), checked against the dialect's error schema; a known DRF path asked with a method it does
 * not serve may answer DRF's 405.
 */

export const SPEC_PATH = join(__dirname, '..', '..', 'openapi', 'openapi.json');
export const CONTRACT_OUTPUT_DIR = join(__dirname, '..', '..', 'test-output', 'contract');
const NOT_API_PREFIXES = ['/docs'];
const SPEC_ID = 'openapi.json';

type Json = Record<string, any>;

interface Operation {
  template: string;
  method: string;
  regex: RegExp;
  params: number;
  responses: Json;
}

export interface ObservedResponse {
  method: string;
  /** Path and query as requested (`/users/1?x=y`) or a full URL. */
  url: string;
  status: number;
  contentType: string | undefined;
  /** Parsed JSON body (when JSON). */
  body: unknown;
  /** Raw text body. */
  text: string | undefined;
  /** The Content-Length header, for binary bodies superagent does not read as text. */
  contentLength?: number;
}

class ContractError extends Error {
  override name = 'ContractError';
}

let loaded:
  { spec: Json; ajv: Ajv; operations: Operation[]; validators: Map<string, ValidateFunction> } | undefined;

/** The validated responses of this test file, by `METHOD template status`. */
const counts = new Map<string, number>();

function load() {
  if (loaded) return loaded;
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Json;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  for (const format of ['password', 'int32', 'int64', 'float', 'double', 'byte', 'binary']) {
    if (!ajv.formats[format]) ajv.addFormat(format, true);
  }
  const openInAllOf = componentsUsedInAllOf(spec);
  const schemas = Object.fromEntries(
    Object.entries<Json>(spec.components?.schemas ?? {}).map(([name, schema]) => [
      name,
      toJsonSchema(schema, openInAllOf.has(name)),
    ]),
  );
  ajv.addSchema({ $id: SPEC_ID, components: { schemas } });
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries<Json>(spec.paths ?? {})) {
    for (const [method, op] of Object.entries<Json>(item)) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      const trimmed = template.length > 1 ? template.replace(/\/$/, '') : template;
      const pattern = trimmed
        .split('/')
        .map((segment) =>
          segment
            .split(/\{[^}]+\}/)
            .map(escapeRegex)
            .join('[^/]+'),
        )
        .join('/');
      operations.push({
        template,
        method: method.toUpperCase(),
        regex: new RegExp(`^${pattern}/?$`),
        params: (template.match(/\{/g) ?? []).length,
        responses: op.responses,
      });
    }
  }
  // a literal segment wins over a parameter (`/auth/api-keys` before `/auth/{x}`)
  operations.sort((a, b) => a.params - b.params || b.template.length - a.template.length);
  loaded = { spec, ajv, operations, validators: new Map() };
  return loaded;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Component names referenced from an `allOf` (they are extended, so they stay open). */
function componentsUsedInAllOf(spec: Json): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const obj = node as Json;
    if (Array.isArray(obj.allOf)) {
      for (const member of obj.allOf) {
        const ref = (member as Json)?.$ref as string | undefined;
        if (ref) names.add(ref.split('/').pop() as string);
      }
    }
    Object.values(obj).forEach(walk);
  };
  walk(spec);
  return names;
}

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv: `nullable: true` becomes "or null", `$ref`s point into the
 * registered components, annotation-only keywords are dropped, and objects with named properties are
 * closed (`additionalProperties: false`) unless they take part in an `allOf`.
 */
export function toJsonSchema(node: unknown, open = false): any {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n));
  if (!node || typeof node !== 'object') return node;
  const source = node as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (
      ['nullable', 'example', 'examples', 'discriminator', 'xml', 'externalDocs', 'deprecated'].includes(key)
    )
      continue;
    if (key.startsWith('x-')) continue;
    if (key === '$ref') out.$ref = (value as string).replace(/^#\/components\//, `${SPEC_ID}#/components/`);
    else if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries<Json>(value as Json).map(([name, schema]) => [name, toJsonSchema(schema)]),
      );
    } else if (key === 'allOf') out.allOf = (value as unknown[]).map((member) => toJsonSchema(member, true));
    else out[key] = toJsonSchema(value);
  }
  if (
    !open &&
    out.properties &&
    (out.type === 'object' || out.type === undefined) &&
    !('additionalProperties' in out)
  ) {
    out.additionalProperties = false;
  }
  if (source.nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

function validatorFor(key: string, schema: Json): ValidateFunction {
  const { ajv, validators } = load();
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(toJsonSchema(schema));
    validators.set(key, validate);
  }
  return validate;
}

function pathOf(url: string): string {
  return new URL(url, 'http://localhost').pathname;
}

function describeBody(res: ObservedResponse): string {
  const text = res.text ?? JSON.stringify(res.body);
  return text && text.length > 600 ? `${text.slice(0, 600)}…` : (text ?? '');
}

/**
 * Validates one response against the committed spec. Returns the problem (an Error) or null; a
 * validated response is counted.
 */
export function checkResponse(res: ObservedResponse, options: { count?: boolean } = {}): Error | null {
  const count = options.count === false ? () => undefined : countValidated;
  const path = pathOf(res.url);
  const method = res.method.toUpperCase();
  if (
    NOT_API_PREFIXES.some(
      (prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}-`),
    ) ||
    method === 'OPTIONS'
  )
    return null;
  const { operations } = load();
  const mediaType = res.contentType?.split(';')[0].trim().toLowerCase();
  const where = `${method} ${path} → ${res.status}`;
  const matches = operations.filter((op) => op.regex.test(path));
  const op = matches.find((candidate) => candidate.method === method);

  if (!op) {
    // An unknown route: only the dialect's 404 is acceptable.
    const dialect = dialectOf(path);
    if (res.status === 405 && dialect === 'drf' && matches.length) {
      // A known path asked with a method it does not serve: DRF's 405 (the Allow header is checked by the tests)
      const error = validate(
        'method-not-allowed drf',
        { $ref: '#/components/schemas/DrfError' },
        res.body,
        where,
      );
      if (error) return error;
      count('(wrong method) drf 405');
      return null;
    }
    const schemaName = dialect === 'audiobookshelf' ? 'AbsErrorText' : 'DrfError';
    const expectedType = dialect === 'audiobookshelf' ? 'text/plain' : 'application/json';
    if (res.status !== 404 || mediaType !== expectedType) {
      return new ContractError(
        `Contract: ${where} (${mediaType ?? 'no body'}), but ${method} ${path} is not in openapi/openapi.json` +
          `${matches.length ? ` (documented methods: ${matches.map((m) => m.method).join(', ')})` : ''}. ` +
          'Document the route (and run `npm run openapi`), or fix the request.',
      );
    }
    const body = dialect === 'audiobookshelf' ? res.text : res.body;
    const error = validate(
      `unknown-route ${dialect}`,
      { $ref: `#/components/schemas/${schemaName}` },
      body,
      where,
    );
    if (error) return error;
    count(`(unknown route) ${dialect} 404`);
    return null;
  }

  const documented = (op.responses[String(res.status)] ?? op.responses[`${String(res.status)[0]}XX`]) as
    Json | undefined;
  if (!documented) {
    return new ContractError(
      `Contract: ${where}, a status that ${op.method} ${op.template} does not document ` +
        `(documented: ${Object.keys(op.responses).join(', ')}). Body: ${describeBody(res)}`,
    );
  }
  const content = documented.content as Json | undefined;
  // superagent leaves binary types (audio, images) out of `res.text`: their length is the body's presence
  const binaryBody = Buffer.isBuffer(res.body) ? res.body.length > 0 : (res.contentLength ?? 0) > 0;
  const binaryMedia = /^(audio|video|image)\//.test(res.contentType ?? '');
  const hasBody =
    method !== 'HEAD' &&
    res.status !== 204 &&
    res.status !== 304 &&
    ((res.text ?? '') !== '' || (binaryMedia && binaryBody));
  if (!content) {
    if (hasBody) {
      return new ContractError(
        `Contract: ${where} has a body (${mediaType}) but the spec documents none for ${op.method} ${op.template} ${res.status}. Body: ${describeBody(res)}`,
      );
    }
    count(`${op.method} ${op.template} ${res.status}`);
    return null;
  }
  if (!hasBody) {
    return new ContractError(
      `Contract: ${where} has no body, but the spec documents ${Object.keys(content).join(', ')}`,
    );
  }
  const media = mediaType ? (content[mediaType] as Json | undefined) : undefined;
  if (!media) {
    return new ContractError(
      `Contract: ${where} answered ${mediaType ?? 'no content type'}, but ${op.method} ${op.template} ${res.status} documents ${Object.keys(content).join(', ')}`,
    );
  }
  const body = mediaType === 'application/json' ? res.body : binaryMedia && !res.text ? '' : res.text;
  const error = validate(
    `${op.method} ${op.template} ${res.status} ${mediaType}`,
    media.schema ?? {},
    body,
    where,
  );
  if (error) return error;
  count(`${op.method} ${op.template} ${res.status}`);
  return null;
}

function validate(key: string, schema: Json, body: unknown, where: string): Error | null {
  const check = validatorFor(key, schema);
  if (check(body)) return null;
  const problems = (check.errors ?? [])
    .slice(0, 8)
    .map(
      (e) => `  ${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
    )
    .join('\n');
  const text = JSON.stringify(body);
  return new ContractError(
    `Contract: ${where}: the body does not match openapi/openapi.json (${key}):\n${problems}\nBody: ${
      text && text.length > 600 ? `${text.slice(0, 600)}…` : text
    }`,
  );
}

function countValidated(key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * Wraps a supertest agent so that every response is checked by `checkResponse` when the request ends.
 * The test's own expectations are reported first; a contract problem fails the request otherwise.
 */
export function contractAgent(agent: TestAgent): TestAgent {
  const methods = ['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options'] as const;
  const wrapped: Record<string, unknown> = { ...agent };
  for (const name of methods) {
    const original = (agent as unknown as Record<string, (url: string) => any>)[name];
    if (typeof original !== 'function') continue;
    wrapped[name] = (url: string) => {
      const test = original.call(agent, url);
      const assert = test.assert.bind(test);
      test.assert = (resError: unknown, res: any, fn: (err: unknown, res: unknown) => void) =>
        assert(resError, res, (err: unknown, response: any) => {
          if (!err && response) {
            err = checkResponse({
              method: test.method as string,
              url: test.url as string,
              status: response.status as number,
              contentType: response.headers?.['content-type'] as string | undefined,
              body: response.body,
              text: response.text as string | undefined,
              contentLength: Number(response.headers?.['content-length'] ?? 0),
            });
          }
          fn(err, response);
        });
      return test;
    };
  }
  return wrapped as unknown as TestAgent;
}

/** Writes this test file's counts to test-output/contract/ (called after each test file, see setup). */
export function writeContractCounts(testPath: string): void {
  if (!counts.size) return;
  mkdirSync(CONTRACT_OUTPUT_DIR, { recursive: true });
  const file = join(CONTRACT_OUTPUT_DIR, `${basename(testPath)}-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify({ testPath, counts: Object.fromEntries(counts) }, null, 2));
  counts.clear();
}
