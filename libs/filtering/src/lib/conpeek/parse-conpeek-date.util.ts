import { parseDateTime } from '../shared/parse-date-time.util';

/**
 * Reads a Conpeek timestamp: `YYYY-MM-DD HH:mm:ss` in UTC (the format Conpeek prints), also ISO 8601
 * since clients often send what their language prints. `null` if it is neither or names an impossible date.
 */
export function parseConpeekDate(text: string): Date | null {
  return parseDateTime(text);
}
