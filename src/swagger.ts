import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

const GUIDE = `
One server, five session APIs. Each surface keeps its own paths, header scheme and error dialect.

**Getting a credential**
1. \`POST /auth/login\` with \`{"username", "password"}\` → \`access_token\` (a JWT, 1 h by default).
2. Optionally \`POST /auth/api-keys\` with \`{"name"}\` → a long-lived \`key\` (shown once, revocable).
3. Click **Authorize** and paste the JWT or key into the scheme your surface's clients use:

| surface | base path | header |
|---|---|---|
| Roundware v2 sessions & events | \`/api/2/\` | \`Authorization: token <key>\` |
| AERPAW experiments & sessions | \`/api/sessions\`, \`/api/experiments\` | \`Authorization: Bearer <jwt>\` |
| Guidebook Open API v1 | \`/open-api/v1/\` | \`Authorization: JWT <key>\` |
| Audiobookshelf playback sessions | \`/audiobookshelf/api/\` | \`Authorization: Bearer <token>\` |
| our own \`/auth\`, \`/users\` | | any of the above |

Every scheme accepts both kinds of credential. Roles: \`admin\`, \`operator\` (reads everything), \`user\` (own data only).
`;

/** The OpenAPI document of the running app (used by /docs and by `npm run openapi`). */
export function buildOpenApiDocument(app: INestApplication, serverUrl = '/'): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Sessions Hub')
    .setDescription(GUIDE)
    .setVersion('0.1.0')
    .addServer(serverUrl)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT or API key',
        description: '`Authorization: Bearer <credential>`',
      },
      'bearer',
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'Guidebook style: the value `JWT <credential>`',
      },
      'jwt',
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'Roundware style: the value `token <credential>`',
      },
      'token',
    )
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey: string, methodKey: string) => `${controllerKey}_${methodKey}`,
  });
}

export function setupSwagger(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'Sessions Hub API',
    swaggerOptions: { persistAuthorization: true, displayOperationId: true, tagsSorter: 'alpha' },
  });
}
