import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What keeps the process alive, one line per handle (sockets with their ends, children with their argv). */
function describe(handle: unknown): string {
  const h = handle as Record<string, unknown> & { constructor?: { name?: string } };
  const kind = h.constructor?.name ?? typeof handle;
  if (kind === 'Socket' || kind === 'TLSSocket') {
    const s = handle as import('node:net').Socket & { fd?: number; _type?: string };
    if (
      s === (process.stdout as unknown) ||
      s === (process.stderr as unknown) ||
      s === (process.stdin as unknown)
    )
      return 'stdio';
    return `${kind} ${s.localAddress ?? ''}:${s.localPort ?? ''} -> ${s.remoteAddress ?? ''}:${s.remotePort ?? ''}`;
  }
  if (kind === 'Server') {
    const address = (handle as import('node:net').Server).address();
    return `Server ${typeof address === 'string' ? address : `${address?.address}:${address?.port}`}`;
  }
  if (kind === 'ChildProcess') return `ChildProcess ${(h.spawnargs as string[] | undefined)?.join(' ')}`;
  return kind;
}

/**
 * Writes test-output/open-handles.json and prints one line when anything but stdio is still open after
 * the whole run (jest runs in band on two cores, so a handle a suite left open keeps jest from exiting).
 */
export function reportOpenHandles(outputDir: string): void {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })
    ._getActiveHandles()
    .map(describe)
    .filter((d) => d !== 'stdio');
  const resources = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
  writeFileSync(join(outputDir, 'open-handles.json'), `${JSON.stringify({ handles, resources }, null, 2)}\n`);
  if (handles.length)
    process.stdout.write(`\nopen handles after the run (${handles.length}): ${handles.join('; ')}\n`);
}
