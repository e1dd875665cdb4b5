/**
 * A date range part, bounds inclusive, either bound optional: true when neither bound is set, false when
 * a bound is set and the envelope has no such date.
 */
export function isWithinRange(value: number | null, from: number | null, to: number | null): boolean {
  if (from === null && to === null) return true;
  if (value === null) return false;
  return (from === null || value >= from) && (to === null || value <= to);
}
