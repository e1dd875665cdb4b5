/**
 * An any-of filter part: true when it is not set (`null`), else when at least one of the envelope's
 * values is in it. Both sides must already be case folded alike.
 */
export function matchesAnyOf(wanted: ReadonlySet<string> | null, values: string | readonly string[]): boolean {
  if (wanted === null) return true;
  if (typeof values === 'string') return wanted.has(values);
  for (const value of values) if (wanted.has(value)) return true;
  return false;
}
