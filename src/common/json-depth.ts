import { BadRequestException } from '@nestjs/common';

/** Deepest nesting of arrays/objects a JSON body may have (real clients of every surface stay under 10). */
export const MAX_JSON_DEPTH = 64;

/**
 * Throws 400 when the JSON text in `buf` nests arrays/objects deeper than `maxDepth`. Runs as the JSON
 * body parser's `verify` hook, before the text is parsed: a body nested thousands of levels deep would
 * otherwise overflow the stack of the recursive validation/transformation code later on (a 500).
 * One pass over the bytes, tracking strings and escapes; the text's validity is left to the parser.
 */
export function assertJsonDepth(buf: Buffer, maxDepth = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) {
        throw new BadRequestException(
          `The request body is nested too deeply (more than ${maxDepth} levels).`,
        );
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
}
