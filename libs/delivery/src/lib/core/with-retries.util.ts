/**
 * Runs a storage write again after short pauses (200 ms, doubling) when it fails: a database restarting for
 * a few seconds should not turn an attempt that already happened into a second attempt. Rethrows the last error.
 */
export async function withRetries<T>(work: () => Promise<T>, tries = 5, firstPauseMs = 200): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, firstPauseMs * 2 ** (attempt - 1)));
    }
  }
}
