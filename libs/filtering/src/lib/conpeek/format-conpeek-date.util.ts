/** Prints a Conpeek timestamp: `YYYY-MM-DD HH:mm:ss` in UTC, no zone designator, milliseconds dropped. */
export function formatConpeekDate(date: Date): string {
  const year = date.getUTCFullYear();
  // toISOString switches to a six-digit signed year outside 0..9999, which the format cannot express.
  if (Number.isNaN(year) || year < 0 || year > 9999) {
    throw new RangeError(`formatConpeekDate: cannot format ${String(date)} as YYYY-MM-DD HH:mm:ss`);
  }
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
