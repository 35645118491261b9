import 'reflect-metadata';
import { runCli } from './cli/admin-cli';

/** The admin CLI's entry point: `node dist/src/cli.js <command>` (see src/cli/admin-cli.ts). */
const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

void runCli(process.argv, {
  out: (text) => process.stdout.write(text),
  tty: process.stdout.isTTY,
  readStdin,
}).then((code) => process.exit(code));
