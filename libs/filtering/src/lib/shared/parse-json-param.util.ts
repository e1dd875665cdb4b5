import { FilterQueryParam, FilterSyntaxError } from '../filter-syntax.error';

/**
 * `JSON.parse` whose failure names the query parameter, so the client knows which value to fix. A NUL
 * character anywhere in the result (PostgreSQL cannot compare text holding one) is refused the same way;
 * it can arrive here even when the gateway refuses `%00`, through the one extra decoding the Conpeek
 * filter allows (`%2500`).
 */
export function parseJsonParam(text: string, field: FilterQueryParam): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FilterSyntaxError(field, `${field} is not valid JSON (${reason})`);
  }
  if (holdsNul(value)) throw new FilterSyntaxError(field, `${field} contains a NUL character (\\u0000)`);
  return value;
}

// Iterative: a filter may be nested thousands deep within a URL's length, and a reviver would recurse.
function holdsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return true;
    } else if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes('\u0000')) return true;
        stack.push(item);
      }
    }
  }
  return false;
}
