/** Retry numbers start at 1 (the first retry, i.e. the second attempt); anything else is a caller bug. */
export function assertRetryNumber(retryNumber: number): void {
  if (!Number.isSafeInteger(retryNumber) || retryNumber < 1) {
    throw new RangeError(`retry number must be an integer ≥ 1; got ${retryNumber}`);
  }
}
