import { FilterQueryParam, FilterSyntaxError } from '../filter-syntax.error';

/** `JSON.parse` whose failure names the query parameter, so the client knows which value to fix. */
export function parseJsonParam(text: string, field: FilterQueryParam): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FilterSyntaxError(field, `${field} is not valid JSON (${reason})`);
  }
}
