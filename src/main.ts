import 'reflect-metadata';
import { createApp } from './app.setup';
import { AppConfig, ConfigError } from './config/app-config';

async function main(): Promise<void> {
  const app = await createApp();
  const config = app.get(AppConfig);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  const local = url.replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  process.stdout.write(
    `Sessions Hub listening on ${local} (${config.db.type}${config.db.type === 'sqlite' ? `: ${config.db.path}` : ''})\n` +
      (config.docsEnabled ? `API docs: ${local}/docs  (OpenAPI JSON: ${local}/docs-json)\n` : ''),
  );
  if (config.jwt.generated) {
    process.stdout.write(
      'JWT_SECRET is not set: using a random secret; tokens will not survive a restart.\n',
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Sessions Hub failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
