/**
 * The typed client of the Sessions Hub API. `schema.d.ts` is generated from the committed
 * openapi/openapi.json only (`npm run generate`), so a frontend compiles against exactly what the server
 * documents. Function names of the operations are the spec's operationIds.
 */
import createClient, { type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };

/** A named schema of the spec, e.g. `Schema<'UserDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/**
 * A client for one server. `baseUrl` is the server's origin (e.g. `http://localhost:3000`); `credential`
 * is an access JWT or an API key, sent as `Authorization: Bearer <credential>` (accepted by every route).
 */
export function createSessionsHubClient(baseUrl: string, credential?: string, options: ClientOptions = {}) {
  const client = createClient<paths>({ ...options, baseUrl });
  if (credential) client.use(bearer(credential));
  return client;
}

export type SessionsHubClient = ReturnType<typeof createSessionsHubClient>;

function bearer(credential: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${credential}`);
      return request;
    },
  };
}
