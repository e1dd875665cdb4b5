export interface WaitUntilOptions {
  /** What is being waited for, used in the timeout message. */
  description: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Checked before each attempt; a returned reason stops the wait at once (e.g. "process exited"). */
  abortIf?: () => string | undefined;
}

/** Polls `check` until it returns true; rejects on timeout or when `abortIf` gives a reason. */
export async function waitUntil(check: () => boolean | Promise<boolean>, options: WaitUntilOptions): Promise<void> {
  const { description, timeoutMs, intervalMs = 25, abortIf } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const abortReason = abortIf?.();
    if (abortReason) throw new Error(`gave up waiting for ${description}: ${abortReason}`);
    if (await check()) return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
