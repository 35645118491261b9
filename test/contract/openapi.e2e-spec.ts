import { readFileSync } from 'node:fs';
import { buildOpenApiDocument, API_TAGS } from '../../src/swagger';
import { listRoutes } from '../utils/routes';
import { SPEC_PATH } from '../utils/contract';
import { ADMIN_PASSWORD, startTestApp, TestApp } from '../utils/test-app';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** `/users/:id` (Nest) → `/users/{id}` (OpenAPI), ignoring the trailing slash the spec keeps for DRF paths. */
const toTemplate = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const trim = (path: string) => (path.length > 1 ? path.replace(/\/$/, '') : path);

describe('the OpenAPI spec (openapi/openapi.json)', () => {
  let t: TestApp;
  let spec: Json;
  let operations: Array<{ path: string; method: string; op: Json }>;
  beforeAll(async () => {
    t = await startTestApp();
    spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8'));
    operations = Object.entries<Json>(spec.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Json })),
    );
  });
  afterAll(() => t.close());

  it('is what `npm run openapi` generates from the code (regenerate it after changing a route or DTO)', () => {
    const generated = JSON.parse(JSON.stringify(buildOpenApiDocument(t.app)));
    expect(generated).toEqual(spec);
  });

  it('has every route of the app, and nothing else', () => {
    const routes = listRoutes(t.app).map((r) => `${r.method} ${toTemplate(r.path)}`);
    const documented = operations.map((o) => `${o.method.toUpperCase()} ${trim(o.path)}`);
    expect(documented.sort()).toEqual(routes.sort());
  });

  it('every route names an explicit operationId, and they are unique verb-noun names', () => {
    const missing = listRoutes(t.app)
      .filter((r) => !r.operationId)
      .map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(missing).toEqual([]);
    const ids = operations.map((o) => o.op.operationId as string);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.filter((id) => !/^[a-z]+[A-Z][A-Za-z0-9]*$|^login$/.test(id))).toEqual([]);
  });

  it('every operation has a summary, a description, a declared tag and its security with roles', () => {
    const problems: string[] = [];
    const tags = new Set(API_TAGS.map((tag) => tag.name));
    for (const { path, method, op } of operations) {
      const key = `${method.toUpperCase()} ${path}`;
      if (!op.summary) problems.push(`${key}: no summary`);
      if (
        !String(op.description ?? '')
          .replace(/\*\*Access:\*\*.*$/s, '')
          .trim()
      )
        problems.push(`${key}: no description`);
      if (!op.tags?.length || !op.tags.every((tag: string) => tags.has(tag)))
        problems.push(`${key}: tag ${op.tags} is not declared in API_TAGS (src/swagger.ts)`);
      const auth = op['x-auth'] as Json | undefined;
      if (!auth) problems.push(`${key}: no x-auth`);
      else if (auth.public) {
        if (JSON.stringify(op.security) !== '[]') problems.push(`${key}: public but security is not []`);
      } else {
        if (!auth.roles?.length) problems.push(`${key}: no roles`);
        const schemes = (op.security ?? []).map((s: Json) => Object.keys(s)[0]).sort();
        if (JSON.stringify(schemes) !== '["bearer","jwt","token"]')
          problems.push(`${key}: security ${schemes}`);
        if (!op.responses['401']) problems.push(`${key}: no 401`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("the spec's roles are the guard's roles", () => {
    const byKey = new Map(operations.map((o) => [`${o.method.toUpperCase()} ${trim(o.path)}`, o.op]));
    const problems = listRoutes(t.app).flatMap((route) => {
      const op = byKey.get(`${route.method} ${toTemplate(route.path)}`);
      const auth = op?.['x-auth'] as Json | undefined;
      if (route.isPublic) return auth?.public ? [] : [`${route.method} ${route.path}: public in code only`];
      const roles = route.roles?.length ? route.roles : ['admin', 'operator', 'user'];
      return JSON.stringify([...roles].sort()) === JSON.stringify([...(auth?.roles ?? [])].sort())
        ? []
        : [`${route.method} ${route.path}: code ${roles.join()}, spec ${String(auth?.roles)}`];
    });
    expect(problems).toEqual([]);
  });

  it('documents success bodies with schemas and at least one 4xx with a schema, in the dialect of the surface', () => {
    const problems: string[] = [];
    for (const { path, method, op } of operations) {
      const key = `${method.toUpperCase()} ${path}`;
      const responses = Object.entries<Json>(op.responses);
      const success = responses.filter(([status]) => status.startsWith('2'));
      if (!success.length) problems.push(`${key}: no 2xx`);
      for (const [status, response] of success) {
        if (status !== '204' && !response.content) problems.push(`${key} ${status}: no body schema`);
        if (status === '204' && response.content) problems.push(`${key} 204 with a body`);
      }
      const errors = responses.filter(([status]) => status.startsWith('4'));
      if (!errors.some(([, r]) => r.content)) problems.push(`${key}: no 4xx with a schema`);
      const expected = path.startsWith('/audiobookshelf') ? 'text/plain' : 'application/json';
      for (const [status, response] of errors) {
        const types = Object.keys(response.content ?? {});
        if (types.join() !== expected)
          problems.push(`${key} ${status}: error body ${types.join()} (expected ${expected})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every paginated route documents its real envelope', () => {
    const problems: string[] = [];
    const resolve = (schema: Json | undefined): Json | undefined =>
      schema?.$ref ? spec.components.schemas[String(schema.$ref).split('/').pop() as string] : schema;
    const isEnvelope = (schema: Json | undefined) => {
      const props = Object.keys(schema?.properties ?? {});
      const required = (schema?.required ?? []) as string[];
      const drf = ['count', 'next', 'previous', 'results'].every(
        (k) => props.includes(k) && required.includes(k),
      );
      const abs = ['total', 'numPages', 'page', 'itemsPerPage'].every((k) => props.includes(k));
      // upstream's library items page (`GET /libraries/:id/items`)
      const shelf = ['results', 'total', 'limit', 'page'].every((k) => props.includes(k));
      return drf || abs || shelf;
    };
    for (const { path, method, op } of operations) {
      const key = `${method.toUpperCase()} ${path}`;
      const names = (op.parameters ?? []).map((p: Json) => p.name as string);
      const schema = op.responses['200']?.content?.['application/json']?.schema as Json | undefined;
      if (!names.includes('page_size') && !names.includes('page')) continue;
      if (isEnvelope(resolve(schema))) continue;
      // Paginated only on request (e.g. GET /api/2/events/): the 200 is `oneOf` the plain array and the
      // envelope, over the same items, so a client sees both real answers.
      const alternatives = ((schema?.oneOf ?? []) as Json[]).map(resolve);
      const envelope = alternatives.find(isEnvelope);
      const array = alternatives.find((alt) => alt?.type === 'array');
      if (!envelope) {
        problems.push(
          `${key}: paginated but no envelope (ApiDrfPage / ApiAbsPage, or oneOf array + envelope)`,
        );
      } else if (
        alternatives.length !== 2 ||
        !array ||
        JSON.stringify(array.items) !== JSON.stringify(envelope.properties.results?.items)
      ) {
        problems.push(`${key}: oneOf must be exactly the plain array and the envelope of the same items`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every enum is a named schema (enumName), and numeric path ids are bounded integers', () => {
    const inline: string[] = [];
    const walk = (node: unknown, where: string, named: boolean): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`, false));
      const obj = node as Json;
      if (Array.isArray(obj.enum) && !named) inline.push(where);
      for (const [k, v] of Object.entries(obj)) if (k !== 'example') walk(v, `${where}/${k}`, false);
    };
    walk(spec.paths, '#/paths', false);
    for (const [name, schema] of Object.entries<Json>(spec.components.schemas)) {
      walk(schema, `#/components/schemas/${name}`, true);
    }
    expect(inline).toEqual([]);
    const ids = operations.flatMap(({ op }) => (op.parameters ?? []).filter((p: Json) => p.in === 'path'));
    for (const id of ids) expect(id.schema).toMatchObject({ type: expect.stringMatching(/integer|string/) });
  });

  it('routes documented with a form body accept one', async () => {
    const login = await t.http
      .post('/auth/login')
      .type('form')
      .send({ username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    const device = await t.http.post('/api/2/users/').type('form').send({ device_id: 'form-device' });
    expect(device.body).toMatchObject({ device_id: 'form-device', client_type: null });
    const forms = operations.filter((o) => o.op.requestBody?.content?.['application/x-www-form-urlencoded']);
    expect(forms.map((o) => o.op.operationId).sort()).toEqual(
      expect.arrayContaining(['audiobookshelfLogin', 'login', 'obtainTokenPair', 'registerRoundwareDevice']),
    );
  });

  it('GET /health refuses unknown query parameters with its documented 400', async () => {
    const res = await t.http.get('/health?verbose=1').expect(400);
    expect(res.body).toEqual({ verbose: ['This field is not allowed.'] });
  });

  it('has a servers entry and the three security schemes', () => {
    expect(spec.servers).toEqual([expect.objectContaining({ url: expect.any(String) })]);
    expect(Object.keys(spec.components.securitySchemes).sort()).toEqual(['bearer', 'jwt', 'token']);
  });
});

describe('Swagger UI switch (DOCS_ENABLED)', () => {
  it('serves /docs and the spec by default, and nothing with DOCS_ENABLED=false', async () => {
    const on = await startTestApp();
    try {
      await on.http.get('/docs/').expect(200);
      const json = await on.http.get('/docs-json').expect(200);
      expect(json.body.paths['/auth/me'].get.operationId).toBe('getMe');
    } finally {
      await on.close();
    }
    const off = await startTestApp({ DOCS_ENABLED: 'false' });
    try {
      await off.http.get('/docs/').expect(404);
      await off.http.get('/docs-json').expect(404);
    } finally {
      await off.close();
    }
  });
});
