/**
 * Removes own `__proto__` and `constructor` keys at every depth of a parsed JSON body, as Nest's
 * ValidationPipe does before it transforms. Code that calls class-transformer itself (lenient bodies,
 * the items of a list body) needs this too: class-transformer takes a nested object's own `constructor`
 * key for its class and crashes (`{"latitude": [{"constructor": "x"}]}` was a 500). Neither key is ever
 * a field. Recursion is bounded: JSON bodies nest at most 64 levels (`json-depth.ts`).
 */
export function stripPrototypeKeys(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (!Array.isArray(value)) {
    for (const key of ['__proto__', 'constructor']) {
      if (Object.prototype.hasOwnProperty.call(value, key)) delete (value as Record<string, unknown>)[key];
    }
  }
  for (const child of Object.values(value)) stripPrototypeKeys(child);
}
