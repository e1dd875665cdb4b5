import { NUL_CHARACTER } from '@hookrelay/contracts';

/**
 * What the gateway refuses in a JSON body before parsing it, in one linear pass that stops at the first
 * problem: nesting deeper than `maxDepth` (a 700 kB body of brackets would otherwise cost JSON.parse a
 * third of a second and overflow JSON.stringify on the way to the service), and a NUL character, escaped
 * (`\u0000`, in a key or a value) or raw. `null` when there is neither; syntax is JSON.parse's job.
 */
export function scanJsonText(text: string, maxDepth: number): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return 'contains a NUL character (\\u0000)';
    if (inString) {
      if (c === 0x22 /* " */) inString = false;
      else if (c === 0x5c /* \ */) {
        if (text.startsWith('u0000', i + 1)) return 'contains a NUL character (\\u0000)';
        i++; // the escaped character cannot end the string
      }
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maxDepth) return `is nested deeper than ${maxDepth} levels`;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return null;
}

/** A NUL in the request target, raw or percent-encoded (`%00`): PostgreSQL would refuse it as a key. */
export function hasNulInUrl(url: string): boolean {
  return url.includes(NUL_CHARACTER) || /%00/.test(url);
}
