export interface ExitCleanup {
  /** Runs at process exit (and after onSignal), where nothing can be awaited. */
  onExit?: () => void;
  /** Runs first when a signal arrives; awaited (bounded) before the process goes down. */
  onSignal?: () => Promise<void>;
}

const pending = new Set<ExitCleanup>();
let installed = false;
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const SIGNAL_CLEANUP_BUDGET_MS = 3_000;

/**
 * Registers cleanup to run if the process exits, or gets SIGINT/SIGTERM/SIGHUP, before the returned
 * cancel function is called.
 *
 * Jest gives each test file a sandbox copy of `process` whose events never fire, so inside test files
 * this is a no-op: there the guarantee is the parent-death signal of managed-process.ts. It matters
 * in the Jest parent (global setup/teardown) and in plain Node scripts.
 */
export function onExitCleanup(cleanup: ExitCleanup): () => void {
  install();
  pending.add(cleanup);
  return () => {
    pending.delete(cleanup);
  };
}

function runExitCleanups(): void {
  for (const cleanup of [...pending]) {
    pending.delete(cleanup);
    try {
      cleanup.onExit?.();
    } catch {
      // Best effort while dying: one failing cleanup must not skip the others.
    }
  }
}

async function runSignalCleanups(): Promise<void> {
  const running = [...pending].map((cleanup) => cleanup.onSignal?.().catch(() => undefined));
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, SIGNAL_CLEANUP_BUDGET_MS);
  });
  await Promise.race([Promise.all(running), budget]);
  clearTimeout(timer);
  runExitCleanups();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runExitCleanups);
  for (const signal of SIGNALS) {
    const onSignal = (): void => {
      process.removeListener(signal, onSignal);
      void runSignalCleanups().finally(() => {
        // Re-raise so the default action (or whoever else listens) still ends the process.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    };
    process.on(signal, onSignal);
  }
}
