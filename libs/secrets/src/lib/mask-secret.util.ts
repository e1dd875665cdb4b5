/** What a masked credential shows instead of its value. */
export const SECRET_MASK = '********';

/** Values at least this long keep their last four characters, so an owner can tell two credentials apart. */
const SHOWS_TAIL_FROM = 16;

/**
 * A credential as a viewer without the right to see it gets it: still a string (clients typed on the seed's
 * wire format keep working), never the value. An empty value stays empty: "not set" is not a secret. Short
 * values show nothing of themselves (four characters of an eight-character password is half of it); long
 * random ones (tokens, keys) keep their last four.
 */
export function maskSecret(value: string): string {
  if (value === '') return '';
  return value.length >= SHOWS_TAIL_FROM ? `${SECRET_MASK}${value.slice(-4)}` : SECRET_MASK;
}
