import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onExitCleanup } from './exit-cleanup.util';
import { isProcessGone } from './process-tree.util';

const PREFIX = 'hookrelay-test-';
const OWNER_FILE = '.hookrelay-owner-pid';
let reaped = false;

export interface TestTempDir {
  readonly path: string;
  /** Deletes the directory; idempotent. */
  remove(): void;
}

/**
 * A fresh directory under os.tmpdir() owned by this process. It is deleted by `remove()`, at process
 * exit where exit hooks run, or otherwise by the first test run that finds its owner process gone.
 */
export function makeTestTempDir(kind: string): TestTempDir {
  if (!reaped) {
    reaped = true;
    reapAbandonedTestTempDirs();
  }
  const path = mkdtempSync(join(tmpdir(), `${PREFIX}${kind}-`));
  writeFileSync(join(path, OWNER_FILE), String(process.pid));
  const remove = (): void => {
    cancel();
    rmSync(path, { recursive: true, force: true, maxRetries: 3 });
  };
  const cancel = onExitCleanup({ onExit: remove });
  return { path, remove };
}

/**
 * Deletes temp dirs left by test processes that died without cleaning up (SIGKILL, crash). Dirs of
 * live processes, such as a concurrent test run, are left alone; `includeOwn` also deletes this
 * process's own dirs (the end of a Jest run, where in-band test files left theirs).
 */
export function reapAbandonedTestTempDirs(options: { includeOwn?: boolean } = {}): void {
  const root = tmpdir();
  for (const name of readdirSync(root)) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = join(root, name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue; // not ours, or its owner is still writing the marker
    }
    const abandoned = Number.isInteger(owner) && owner > 0 && isProcessGone(owner);
    if (abandoned || (options.includeOwn && owner === process.pid)) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
