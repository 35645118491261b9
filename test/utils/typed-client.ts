import type { Middleware } from 'openapi-fetch';
import { createSessionsHubClient } from '../../clients/typescript/src';
import { checkResponse } from './contract';
import type { TestApp } from './test-app';

/**
 * The generated typed client (clients/typescript), as a frontend uses it, against the app listening on
 * 127.0.0.1. Every response it receives is validated against the committed spec too.
 */
export function typedClient(baseUrl: string, credential?: string) {
  const client = createSessionsHubClient(baseUrl, credential);
  client.use(contractMiddleware);
  return client;
}

const contractMiddleware: Middleware = {
  async onResponse({ request, response }) {
    const text = await response.clone().text();
    const contentType = response.headers.get('content-type') ?? undefined;
    let body: unknown = undefined;
    if (contentType?.startsWith('application/json') && text) body = JSON.parse(text);
    const problem = checkResponse({
      method: request.method,
      url: request.url,
      status: response.status,
      contentType,
      body,
      text,
    });
    if (problem) throw problem;
    return response;
  },
};

/** Starts listening on an ephemeral port of 127.0.0.1 and answers the base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
}
