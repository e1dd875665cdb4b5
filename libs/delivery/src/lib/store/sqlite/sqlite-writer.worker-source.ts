/**
 * The SQLite writer thread's code, as JavaScript text for `new Worker(code, { eval: true })`: it then loads
 * the same way under ts-jest (TypeScript sources) and from the tsc build in dist/, with no worker file to
 * locate or compile. It stays small and typed data crosses the boundary already shaped: the main thread
 * builds every bound parameter (delivery-store-rows.mapper.ts) and maps every returned row; the SQL is
 * sqlite-delivery.statements.ts, passed in `workerData` with better-sqlite3's resolved path.
 *
 * Group commit: messages that arrive while a transaction runs queue up; the next turn drains them all into
 * ONE transaction (one write-lock acquisition, one fsync). Each operation runs in its own savepoint, so an
 * operation that throws (a duplicate id) rolls back alone and rejects alone; if BEGIN or COMMIT fails
 * (SQLITE_BUSY after busy_timeout, I/O error) every operation of the batch rejects. Waiting for another
 * process's write lock blocks this thread only, never the main event loop.
 */
export const SQLITE_WRITER_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);

// busy_timeout 0: SQLite's own busy handler sleeps 1, 2, 5, 10 … 100 ms between tries, so under contention
// from other processes most of the wait is oversleeping. This thread retries BEGIN IMMEDIATE itself every
// 50 µs – 1 ms instead (beginImmediate), which is cheap and wakes within a millisecond of the lock's release.
const db = new Database(workerData.path, { timeout: 0 });
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 0');
db.pragma('synchronous = ' + (workerData.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'));

const S = {};
for (const [name, sql] of Object.entries(workerData.statements)) S[name] = db.prepare(sql);

const READS = new Set(['getTarget', 'listPaused', 'listTargets', 'operationalEventsPending']);

const handlers = {
  accept({ rows, claim }) {
    if (claim) {
      const stored = S.idempotencyGet.get(claim);
      if (stored && stored.created_at >= claim.not_before) return { kind: 'duplicate', reply: stored.reply };
    }
    for (const row of rows) S.deliveryInsert.run(row);
    if (claim) S.idempotencyPut.run(claim);
    return { kind: 'stored' };
  },
  record({ attempt, update, event }) {
    S.attemptInsert.run(attempt);
    const applied = S.recordUpdate.run(update).changes > 0;
    if (applied && event) S.operationalEventInsert.run(event);
    return applied;
  },
  closeUnattempted: (p) => S.closeUnattempted.run(p).changes > 0,
  park: (p) => S.park.run(p).changes > 0,
  unqueue({ ids, tenant_id, at }) {
    for (const id of ids) S.unqueue.run({ id, tenant_id, at });
    return null;
  },
  claimDue(p) {
    const rows = S.dueSelect.all(p);
    for (const row of rows) S.dueLease.run({ id: row.id, lease_until: p.lease_until });
    return rows;
  },
  pruneIdempotencyKeys: (p) => S.idempotencyPrune.run(p).changes,
  pruneClosedDeliveries(p) {
    let deliveries = 0;
    let attempts = 0;
    for (const { id } of S.closedSelect.all(p)) {
      attempts += S.closedAttemptsDelete.run({ id }).changes;
      deliveries += S.closedDelete.run({ id }).changes;
    }
    return { deliveries, attempts };
  },
  takeLease: (p) => S.leaseTake.run(p).changes > 0,
  releaseLease: (p) => (S.leaseRelease.run(p), null),
  recall: (p) => S.recall.get(p) ?? null,
  getTarget: (p) => S.targetGet.get(p) ?? null,
  putTargetConfig: (p) => (S.targetPutConfig.run(p), null),
  swapTargetSecrets: ({ expected, ...p }) => (expected === null ? S.targetInitSecrets.run(p) : S.targetSwapSecrets.run({ ...p, expected })).changes > 0,
  removeTarget(p) {
    S.targetDelete.run(p);
    return S.cancelOpen.run(p).changes;
  },
  setHealth({ event, ...p }) {
    const applied = S.targetSetHealth.run(p).changes > 0;
    if (applied && event) S.operationalEventInsert.run(event);
    return applied;
  },
  resumeTarget({ event, ...p }) {
    const target = S.targetPausedAt.get(p);
    if (!target) return null;
    S.targetResume.run(p);
    if (target.paused_at === null) return { reopened: 0, wasPaused: false };
    if (event) S.operationalEventInsert.run(event);
    return { reopened: S.reopenDisabled.run({ ...p, paused_at: target.paused_at }).changes, wasPaused: true };
  },
  listPaused: (p) => S.targetsPaused.all(p),
  addStats({ minutes, latency, targets }) {
    for (const row of minutes) S.statsMinuteAdd.run(row);
    for (const row of latency) S.statsLatencyAdd.run(row);
    for (const row of targets) S.targetTimes.run(row);
    return null;
  },
  pruneStats(p) {
    let minutes = 0;
    let latency = 0;
    for (const row of S.statsOldMinutes.all(p)) {
      latency += S.statsLatencyDelete.run(row).changes;
      minutes += S.statsMinuteDelete.run(row).changes;
    }
    return { minutes, latency };
  },
  listTargets: (p) => S.targetsPage.all(p),
  pauseTarget({ event, ...p }) {
    const applied = S.targetPause.run(p).changes > 0;
    if (applied && event) S.operationalEventInsert.run(event);
    return applied;
  },
  operationalEventsPending: (p) => S.operationalEventsPending.all(p),
  operationalEventDispatched: (p) => (S.operationalEventDispatched.run(p), null),
};

function errorOf(error) {
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message, code: typeof e.code === 'string' ? e.code : undefined };
}

const pauseCell = new Int32Array(new SharedArrayBuffer(4));

function isBusy(error) {
  return error && typeof error.code === 'string' && error.code.startsWith('SQLITE_BUSY');
}

/** Runs a transaction, retrying while another process holds the write lock, up to busyTimeoutMs. */
function withLockRetry(run) {
  const deadline = Date.now() + Number(workerData.busyTimeoutMs);
  let pauseMs = 0.05;
  for (;;) {
    try {
      return run();
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      Atomics.wait(pauseCell, 0, 0, pauseMs);
      pauseMs = Math.min(pauseMs * 2, 1);
    }
  }
}

function runOne(op) {
  const handler = Object.prototype.hasOwnProperty.call(handlers, op.op) ? handlers[op.op] : undefined;
  if (!handler) throw new Error('unknown SQLite writer operation ' + op.op);
  // Nested db.transaction() is a SAVEPOINT: a throwing operation undoes only its own writes.
  return db.transaction(() => handler(op.args))();
}

let queue = [];
let scheduled = false;

function drain() {
  scheduled = false;
  if (queue.length === 0) return;
  const batch = queue;
  queue = [];
  const results = new Array(batch.length);
  const all = db.transaction(() => {
    batch.forEach((op, i) => {
      try {
        results[i] = { id: op.id, ok: true, value: runOne(op) };
      } catch (error) {
        results[i] = { id: op.id, ok: false, error: errorOf(error) };
      }
    });
  });
  try {
    // IMMEDIATE takes the write lock up front (waiting up to busy_timeout); a deferred transaction that
    // later upgrades to a writer could fail with SQLITE_BUSY without waiting.
    if (batch.every((op) => READS.has(op.op))) withLockRetry(() => all.deferred());
    else withLockRetry(() => all.immediate());
  } catch (error) {
    const failed = errorOf(error);
    batch.forEach((op, i) => { results[i] = { id: op.id, ok: false, error: failed }; });
  }
  parentPort.postMessage({ type: 'results', results });
}

parentPort.on('message', (message) => {
  if (message.type === 'ops') {
    for (const op of message.ops) queue.push(op);
    // setImmediate runs after every message already delivered: they all join this batch.
    if (!scheduled) { scheduled = true; setImmediate(drain); }
  } else if (message.type === 'close') {
    drain();
    db.close();
    parentPort.postMessage({ type: 'closed' });
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
`;
