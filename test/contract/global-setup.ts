import { rmSync } from 'node:fs';
import { CONTRACT_OUTPUT_DIR } from '../utils/contract';

/** A run starts with no counts from an earlier run. */
export default function globalSetup(): void {
  rmSync(CONTRACT_OUTPUT_DIR, { recursive: true, force: true });
}
