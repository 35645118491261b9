/**
 * `npm run openapi`: boots the application without listening (in-memory SQLite, silent logs) and writes
 * the OpenAPI document to openapi/openapi.json and openapi/openapi.yaml. The output is deterministic
 * (keys sorted by buildOpenApiDocument), so CI regenerates it and fails when the committed files differ.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createGenerationApp } from './generation-app';
import { buildOpenApiDocument } from '../src/swagger';

export const SPEC_DIR = join(__dirname, '..', 'openapi');

async function main(): Promise<void> {
  const app = await createGenerationApp();
  try {
    const document = buildOpenApiDocument(app);
    mkdirSync(SPEC_DIR, { recursive: true });
    writeFileSync(join(SPEC_DIR, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
    writeFileSync(
      join(SPEC_DIR, 'openapi.yaml'),
      stringify(document, { lineWidth: 0, aliasDuplicateObjects: false }),
    );
    const operations = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    process.stdout.write(
      `openapi: wrote openapi/openapi.json and openapi/openapi.yaml (${operations} operations)\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `openapi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
