/** Words of template and documentation placeholders: a key containing one was copied, not generated. */
const PLACEHOLDER = /replace|change-?me|change_me|example|placeholder|your-?key|your_key/i;
const MIN_DISTINCT_CHARACTERS = 10;
/** Estimated bits: length × log2(size of the character classes the key uses). */
const MIN_ESTIMATED_BITS = 96;
const CLASSES: ReadonlyArray<[RegExp, number]> = [[/[a-z]/, 26], [/[A-Z]/, 26], [/[0-9]/, 10], [/[^A-Za-z0-9]/, 7]];

/**
 * Why a key from HOOKRELAY_API_KEYS is too weak to store, or null. Keys are stored as unsalted SHA-256,
 * so a guessable key would fall to an offline search after a database leak; this refuses template
 * placeholders and obviously short or repetitive values. It is an estimate, not a proof of randomness:
 * generated keys (`openssl rand -hex 24`, `hookrelay key:create`) always pass.
 */
export function apiKeyWeakness(key: string): string | null {
  if (PLACEHOLDER.test(key)) return 'is a placeholder from a template or the docs';
  if (new Set(key).size < MIN_DISTINCT_CHARACTERS) return `has fewer than ${MIN_DISTINCT_CHARACTERS} distinct characters`;
  const pool = CLASSES.reduce((sum, [pattern, size]) => sum + (pattern.test(key) ? size : 0), 0);
  const bits = Math.floor(key.length * Math.log2(pool));
  if (bits < MIN_ESTIMATED_BITS) return `is too weak (about ${bits} bits; at least ${MIN_ESTIMATED_BITS} needed: use a longer key)`;
  return null;
}
