import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { SPEC_PATH, toJsonSchema } from '../utils/contract';

type Json = Record<string, any>;

/**
 * Every example the spec shows on the Audiobookshelf surface (request bodies, success and error
 * responses) matches its schema, with objects closed as the contract test closes them: a seed example
 * that names a field the schema does not have, or misses a required one, fails here. Redocly's
 * `no-invalid-media-type-examples` checks the same more loosely (`npm run openapi:lint`).
 */
describe('Audiobookshelf examples in openapi/openapi.json', () => {
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Json;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'float', 'double']) ajv.addFormat(format, true);
  const inAllOf = new Set<string>();
  JSON.stringify(spec, (key, value: unknown) => {
    if (key === 'allOf' && Array.isArray(value))
      for (const m of value as Json[]) if (m.$ref) inAllOf.add(String(m.$ref).split('/').pop() as string);
    return value;
  });
  ajv.addSchema({
    $id: 'openapi.json',
    components: {
      schemas: Object.fromEntries(
        Object.entries<Json>(spec.components.schemas).map(([name, s]) => [
          name,
          toJsonSchema(s, inAllOf.has(name)),
        ]),
      ),
    },
  });

  const examples: Array<[string, Json, unknown]> = [];
  for (const [path, item] of Object.entries<Json>(spec.paths)) {
    if (!path.startsWith('/audiobookshelf')) continue;
    for (const [method, op] of Object.entries<Json>(item)) {
      const media = [
        ['request', op.requestBody?.content],
        ...Object.entries<Json>(op.responses ?? {}).map(([status, r]) => [status, r.content]),
      ] as Array<[string, Json | undefined]>;
      for (const [where, content] of media) {
        for (const [type, m] of Object.entries<Json>(content ?? {})) {
          const key = `${method.toUpperCase()} ${path} ${where} ${type}`;
          if ('example' in m) examples.push([key, m.schema, m.example]);
          for (const [name, e] of Object.entries<Json>(m.examples ?? {}))
            examples.push([`${key} (${name})`, m.schema, e.value]);
        }
      }
    }
  }

  it('has the seed examples on the routes they describe', () => {
    const keys = examples.map(([key]) => key);
    for (const expected of [
      'POST /audiobookshelf/api/session/{id}/sync request application/json (seed)',
      'POST /audiobookshelf/api/session/{id}/close request application/json (seed)',
      'POST /audiobookshelf/api/session/local request application/json (seed)',
      'POST /audiobookshelf/api/session/local-all request application/json (seed)',
      'POST /audiobookshelf/api/session/local-all 200 application/json',
      'GET /audiobookshelf/api/sessions 200 application/json',
      'GET /audiobookshelf/api/session/{id} 200 application/json',
    ]) {
      expect(keys).toContain(expected);
    }
  });

  it('every example matches its schema (objects closed)', () => {
    const problems = examples.flatMap(([key, schema, value]) => {
      const validate = ajv.compile(toJsonSchema(schema));
      return validate(value)
        ? []
        : [
            `${key}: ${(validate.errors ?? [])
              .map((e) => `${e.instancePath || '(example)'} ${e.message} ${JSON.stringify(e.params)}`)
              .join('; ')
              .slice(0, 400)}`,
          ];
    });
    expect(problems).toEqual([]);
  });
});
