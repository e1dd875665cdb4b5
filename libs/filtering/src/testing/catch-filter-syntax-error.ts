import { FilterSyntaxError } from '../lib/filter-syntax.error';

/**
 * Runs `run` and returns the FilterSyntaxError it throws, so a table row can assert on `field` and
 * `message` with typed values. Anything else thrown, or nothing, fails the test.
 * For specs only: not exported from the lib's index.
 */
export function catchFilterSyntaxError(run: () => unknown): FilterSyntaxError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof FilterSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a FilterSyntaxError, but nothing was thrown');
}
