import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_OUTPUT_DIR } from '../utils/contract';
import { reportOpenHandles } from './open-handles';

/**
 * Sums the per-file counts of validated responses into test-output/contract-summary.json and prints one
 * line: how many responses were validated against openapi/openapi.json, over how many operation+status
 * pairs, and which documented operations no e2e test exercised.
 */
export default async function globalTeardown(): Promise<void> {
  const totals = new Map<string, number>();
  if (existsSync(CONTRACT_OUTPUT_DIR)) {
    for (const file of readdirSync(CONTRACT_OUTPUT_DIR).filter((f) => f.endsWith('.json'))) {
      const { counts } = JSON.parse(readFileSync(join(CONTRACT_OUTPUT_DIR, file), 'utf8')) as {
        counts: Record<string, number>;
      };
      for (const [key, n] of Object.entries(counts)) totals.set(key, (totals.get(key) ?? 0) + n);
    }
  }
  const validated = [...totals.values()].reduce((a, b) => a + b, 0);
  const spec = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const exercised = new Set([...totals.keys()].map((key) => key.split(' ').slice(0, 2).join(' ')));
  const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
  const unexercised = operations.filter((op) => !exercised.has(op));
  const summary = {
    validatedResponses: validated,
    operationStatusPairs: [...totals.keys()].filter((k) => !k.startsWith('(')).length,
    operations: operations.length,
    unexercisedOperations: unexercised,
    byOperationStatus: Object.fromEntries([...totals.entries()].sort(([a], [b]) => a.localeCompare(b))),
  };
  mkdirSync(join(CONTRACT_OUTPUT_DIR, '..'), { recursive: true });
  writeFileSync(
    join(CONTRACT_OUTPUT_DIR, '..', 'contract-summary.json'),
    `${JSON.stringify(summary, null, 2)}\n`,
  );
  if (validated > 0) {
    process.stdout.write(
      `\ncontract: ${validated} responses validated against openapi/openapi.json ` +
        `(${summary.operationStatusPairs} operation+status pairs; ${operations.length - unexercised.length}/${operations.length} operations exercised)\n`,
    );
  }
  // a moment for sockets and children the last suite closed to finish closing
  await new Promise((resolve) => setTimeout(resolve, 1000));
  reportOpenHandles(join(CONTRACT_OUTPUT_DIR, '..'));
}
