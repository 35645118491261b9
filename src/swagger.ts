import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  absErrorResponse,
  drfErrorResponse,
  ERROR_DESCRIPTIONS,
  ERROR_SCHEMAS,
} from './common/api-responses';
import { MAX_INT_ID } from './common/validation';
import { dialectOf } from './common/filters/dialect-exception.filter';

const GUIDE = `
One server, five session APIs. Each surface keeps its own paths, header scheme and error dialect;
the operations below are grouped by surface (one tag each).

**Logging in and authorizing this page**
1. Open \`POST /auth/login\` (tag *auth*), **Try it out** with \`{"username": "admin", "password": "…"}\`
   and copy the \`access_token\` of the answer (a JWT, valid for \`JWT_EXPIRES_IN\` seconds, 1 h by default).
2. Optionally \`POST /auth/api-keys\` with \`{"name": "…"}\` → a long-lived \`key\` (shown once, revocable).
3. Click **Authorize** and paste the JWT or key into **bearer** (the value only, without \`Bearer\`).
   Authorization is kept across reloads of this page. The **jwt** and **token** schemes take the whole header
   value (\`JWT <credential>\` / \`token <credential>\`), as Guidebook and Roundware clients send it.

| surface | base path | header its clients send | errors |
|---|---|---|---|
| Roundware v2 sessions & events | \`/api/2/\` | \`Authorization: token <key>\` | DRF JSON |
| AERPAW experiments & sessions | \`/api/sessions\`, \`/api/experiments\`, \`/api/token/\` | \`Authorization: Bearer <jwt>\` | DRF JSON |
| Guidebook Open API v1 and v1.1 | \`/open-api/v1/\`, \`/open-api/v1.1/\` | \`Authorization: JWT <key>\` | DRF JSON |
| Audiobookshelf playback sessions | \`/audiobookshelf/\` | \`Authorization: Bearer <token>\` | plain text |
| our own \`/auth\`, \`/users\`, \`/health\` | | any of the above | DRF JSON |

Every scheme accepts both kinds of credential (access JWT or API key). Roles: \`admin\`, \`operator\`
(reads everything), \`user\` (own data only); each operation names the roles that may call it (\`x-auth\`).
`;

/**
 * The tags of the document, one per surface or module, in the order Swagger UI shows them. A tag used by
 * a controller must be declared here (test/contract/openapi.e2e-spec.ts checks it).
 */
export const API_TAGS: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'auth', description: 'Our own: password login, the caller, API keys (any header scheme)' },
  { name: 'users', description: 'Our own: user management (admin only)' },
  {
    name: 'roundware',
    description: 'Roundware API v2 (`/api/2/`): device registration, projects, sessions, events',
  },
  {
    name: 'experiments',
    description:
      'AERPAW portal (`/api/experiments`, `/api/sessions`, `/api/token/`): experiments and their sessions',
  },
  {
    name: 'guidebook',
    description:
      'Guidebook Open API v1 and v1.1 (`/open-api/v1/`, `/open-api/v1.1/`): guides, schedule tracks, locations, sessions',
  },
  {
    name: 'audiobookshelf',
    description:
      'Audiobookshelf (`/audiobookshelf/`): login, libraries, items, playback sessions (plain-text errors)',
  },
  { name: 'health', description: 'Liveness and database check' },
];

/** The `servers` entry of the committed spec (Swagger UI at /docs uses the origin it is served from). */
export const SPEC_SERVER = {
  url: '/',
  description:
    'The server that serves this document (clients pass their base URL, e.g. http://localhost:3000)',
};

/**
 * Path prefixes whose seed documents write paths with a trailing slash (Django REST Framework routers):
 * the spec keeps the slash so that generated clients call the paths exactly as the seeds show them. The
 * server accepts both forms.
 */
export const TRAILING_SLASH_PREFIXES = ['/api/2/', '/open-api/v1/', '/open-api/v1.1/', '/api/token'];

type Json = Record<string, any>;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The OpenAPI document of the running app (used by /docs and by `npm run openapi`). */
export function buildOpenApiDocument(
  app: INestApplication,
  server: { url: string; description: string } = SPEC_SERVER,
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Sessions Hub')
    .setDescription(GUIDE.trim())
    .setVersion('0.1.0')
    .addServer(server.url, server.description)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT or API key',
        description: '`Authorization: Bearer <credential>` (AERPAW, Audiobookshelf, our own routes)',
      },
      'bearer',
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'Guidebook style: the whole header value, `JWT <credential>`',
      },
      'jwt',
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'Roundware style: the whole header value, `token <credential>`',
      },
      'token',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    // Every route names its operationId (`@ApiOperation({ operationId })`); the method name is only a
    // fallback, and the contract test fails on any operation that relies on it.
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
  return canonical(completeDocument(document));
}

/**
 * Adds what every route answers because of the platform, in the dialect of the route's surface (DRF JSON
 * or Audiobookshelf plain text): 401 for routes that need a credential, 403 for role-restricted ones
 * (from `@Auth`), 400 and 413 for routes with a body (body parser, validation pipe), 400 for every route
 * (unknown query parameters are refused everywhere: the validation pipe or UnknownQueryGuard), 404
 * for routes with a path id (IdPipe). Error responses
 * declared without a body get the dialect's error schema. Numeric path parameters are ids (IdPipe).
 */
function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const doc = document as Json;
  doc.components = doc.components ?? {};
  doc.components.schemas = { ...(doc.components.schemas ?? {}), ...ERROR_SCHEMAS };
  const usedTags = new Set<string>();

  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    const dialect = dialectOf(path);
    const errorResponse = dialect === 'audiobookshelf' ? absErrorResponse : drfErrorResponse;
    for (const method of HTTP_METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      (op.tags ?? []).forEach((tag: string) => usedTags.add(tag));
      op.responses = op.responses ?? {};
      const auth = op['x-auth'] as { public?: boolean; roles?: string[]; denyAs?: number } | undefined;
      const params = (op.parameters ?? []) as Json[];

      const platform = new Map<number, string | undefined>();
      if (auth && !auth.public) platform.set(401, undefined);
      // a route that refuses other roles as 404 (`denyAs`) documents that 404 instead of a 403
      if (auth?.roles && auth.roles.length < 3 && auth.denyAs !== 404) {
        platform.set(403, `The caller is authenticated but is not ${auth.roles.join(' or ')}`);
      }
      if (op.requestBody) {
        platform.set(400, undefined);
        platform.set(413, undefined);
        platform.set(415, undefined);
      }
      platform.set(400, undefined);
      if (params.some((p) => p.in === 'path')) platform.set(404, undefined);
      for (const [status, description] of platform) {
        op.responses[status] = op.responses[status] ?? errorResponse(status, description);
      }

      for (const [status, response] of Object.entries<Json>(op.responses)) {
        const code = Number(status);
        if (code < 400 || code > 499 || response.content) continue;
        const completed = errorResponse(code, response.description || ERROR_DESCRIPTIONS[code]);
        op.responses[status] = completed;
      }

      for (const param of params) {
        if (param.in === 'path' && param.schema?.type === 'number') {
          param.schema = { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_INT_ID };
          param.description =
            param.description ?? 'Id (a positive 32-bit integer; anything else answers 404)';
        }
      }

      if (auth?.public) op.security = [];
      op.description = withAccess(op.description as string | undefined, auth);
    }
  }
  flattenSingleAllOf(doc);
  doc.paths = Object.fromEntries(
    Object.entries<Json>(doc.paths ?? {}).map(([path, item]) => [
      TRAILING_SLASH_PREFIXES.some((prefix) => path.startsWith(prefix)) && !path.endsWith('/')
        ? `${path}/`
        : path,
      item,
    ]),
  );
  doc.tags = API_TAGS.filter((tag) => usedTags.has(tag.name));
  for (const tag of usedTags) {
    if (!API_TAGS.some((t) => t.name === tag)) doc.tags.push({ name: tag, description: 'Undeclared tag' });
  }
  return document;
}

/** Nest wraps an enum's `$ref` in a one-element `allOf`; without siblings it is just the `$ref`. */
function flattenSingleAllOf(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Json)) {
    if (value && typeof value === 'object' && Array.isArray(value.allOf) && value.allOf.length === 1) {
      if (Object.keys(value).length === 1) (node as Json)[key] = value.allOf[0];
    }
    flattenSingleAllOf((node as Json)[key]);
  }
}

function withAccess(
  description: string | undefined,
  auth: { public?: boolean; roles?: string[] } | undefined,
) {
  const access = !auth
    ? undefined
    : auth.public
      ? '**Access:** public (no credential needed).'
      : `**Access:** ${auth.roles?.length === 3 ? 'any authenticated caller' : 'roles'} ${(auth.roles ?? []).map((r) => `\`${r}\``).join(', ')}.`;
  if (!access) return description;
  return description ? `${description}\n\n${access}` : access;
}

const TOP_LEVEL_ORDER = ['openapi', 'info', 'servers', 'tags', 'security', 'paths', 'components'];

/**
 * The document with every object's keys sorted (paths, schemas, properties, responses…), arrays kept in
 * order, and the top level in the conventional order, so the committed spec is byte-for-byte reproducible.
 */
function canonical(document: OpenAPIObject): OpenAPIObject {
  const sortDeep = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortDeep);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, sortDeep((value as Json)[key])]),
      );
    }
    return value;
  };
  const sorted = sortDeep(document) as Json;
  const out: Json = {};
  for (const key of TOP_LEVEL_ORDER) if (key in sorted) out[key] = sorted[key];
  for (const key of Object.keys(sorted)) if (!(key in out)) out[key] = sorted[key];
  return out as OpenAPIObject;
}

export function setupSwagger(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'Sessions Hub API',
    swaggerOptions: {
      persistAuthorization: true,
      displayOperationId: true,
      docExpansion: 'list',
      tryItOutEnabled: false,
    },
  });
}
