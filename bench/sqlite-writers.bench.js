#!/usr/bin/env node
'use strict';
// Three processes writing ONE SQLite file (WAL): which design keeps every event loop free, and at what
// cost in throughput. Run after `npm run build`:
//
//   node bench/sqlite-writers.bench.js [--seconds 6] [--warmup 1] [--runs 2] [--lanes 64]
//                                      [--designs A,B,C] [--sync FULL,NORMAL]
//
// Each process runs `lanes` concurrent async callers in a closed loop doing the delivery hot path:
//   accept([1 row])  → INSERT INTO deliveries
//   record(attempt)  → INSERT INTO delivery_attempts + UPDATE deliveries … WHERE version = ?
// Both count as one operation. After a warm-up, each child measures over `seconds`: completed
// operations/s, event-loop lag (perf_hooks.monitorEventLoopDelay, resolution 10 ms; the histogram holds the
// time between two 10 ms timer ticks, so lag = value − 10 ms) and CPU (process.cpuUsage, all its threads).
//
// Designs:
//   A  the real SqliteDeliveryStore (dist/out-tsc): better-sqlite3 on a writer thread, group commit,
//      BEGIN IMMEDIATE retried every 50 µs–1 ms; one per process (3 writers).
//   B  better-sqlite3 on the main thread, busy_timeout 15000 (SQLite's sleeping busy handler), group commit
//      on the main thread: everything queued in one event-loop turn → one BEGIN IMMEDIATE transaction
//      (setImmediate), one savepoint per operation — the same statements and parameter mapping as A.
//      (The previous design's shape; the real one went through TypeORM, which only adds main-thread work.)
//   C  one writer process: process 0 owns the only SqliteDeliveryStore (writer thread, no other writer on
//      the file); processes 1 and 2 send their operations to it over a Unix domain socket,
//      newline-delimited JSON, all requests of one tick in one write (and all replies of one tick in one
//      write). Process 0's own callers call the store directly.
//
// Every run gets a fresh copy of a freshly migrated file (runSchemaMigrations(…, 'delivery')) in a temp dir
// that is removed at the end; every child has a hard deadline and is killed if it overstays.
const { fork, execSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist/out-tsc');
const SQLITE_DIR = path.join(OUT, 'libs/delivery/src/lib/store/sqlite');
const MAPPER = path.join(OUT, 'libs/delivery/src/lib/store/sql/delivery-store-rows.mapper.js');
const ELD_RESOLUTION_MS = 10;
const BUSY_TIMEOUT_MS = 15_000;

function registerPaths() {
  const tsConfigPaths = require('tsconfig-paths');
  const { compilerOptions } = require(path.join(ROOT, 'tsconfig.base.json'));
  const paths = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, [target.replace(/\.ts$/, '')]]));
  tsConfigPaths.register({ baseUrl: OUT, paths, addMatchAll: false });
}

// ───────────────────────────────────────────── child ─────────────────────────────────────────────

const T0 = 1_767_225_600_000;
let idCounter = 0;
const nextId = (prefix) => `${prefix}-${process.pid}-${String(++idCounter).padStart(10, '0')}`.padEnd(36, '0').slice(0, 36);
const PAYLOAD = JSON.stringify({ data: { payload: 'x'.repeat(900) } }); // ~1 KB, like the HTTP benches

function newRow() {
  return {
    id: nextId('d'), tenantId: '0b7f6f1e-1111-4a2b-8c3d-000000000001', source: 'application_webhook', subscriptionId: 'sub-1',
    url: 'https://hooks.example/in', event: 'envelope.signed', payload: PAYLOAD, headers: { 'x-custom': 'yes' },
    policy: { kind: 'bearer', timeoutMs: 5000, maxAttempts: 3 }, authorizationSealed: 'sealed-auth', createdAt: T0, wakeAt: T0 + 60_000,
  };
}

function attemptRecord(row) {
  const at = T0 + 1_000;
  return {
    tenantId: row.tenantId, deliveryId: row.id, expectedVersion: 0,
    attempt: { id: nextId('a'), deliveryId: row.id, number: 1, attemptedAt: at, durationMs: 42, statusCode: 503, error: null, responseSnippet: 'busy' },
    update: {
      state: 'OPEN', applicationState: 'RETRY', closeReason: null, attempts: 1, url: 'https://hooks.example/in',
      nextAttemptAt: at + 30_000, wakeAt: at + 30_000, closedAt: null, updatedAt: at,
    },
  };
}

/** Design B: better-sqlite3 on the main thread, one group-committed transaction per event-loop turn. */
function mainThreadStore(file, synchronous) {
  const Database = require('better-sqlite3');
  const { SQLITE_STATEMENTS } = require(path.join(SQLITE_DIR, 'sqlite-delivery.statements.js'));
  const { deliveryInsertParams, attemptInsertParams, recordUpdateParams } = require(MAPPER);
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma(`synchronous = ${synchronous}`);
  const S = {};
  for (const [name, sql] of Object.entries(SQLITE_STATEMENTS)) S[name] = db.prepare(sql);
  const handlers = {
    accept({ rows }) {
      for (const row of rows) S.deliveryInsert.run(row);
      return { kind: 'stored' };
    },
    record({ attempt, update }) {
      S.attemptInsert.run(attempt);
      return S.recordUpdate.run(update).changes > 0;
    },
  };
  let queue = [];
  let scheduled = false;
  const drain = () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    const results = new Array(batch.length);
    const all = db.transaction(() => batch.forEach((op, i) => {
      try {
        results[i] = { ok: true, value: db.transaction(() => handlers[op.op](op.args))() };
      } catch (error) {
        results[i] = { ok: false, error };
      }
    }));
    try {
      all.immediate(); // the busy handler sleeps here, on the main thread, while another process writes
    } catch (error) {
      batch.forEach((_, i) => { results[i] = { ok: false, error }; });
    }
    batch.forEach((op, i) => (results[i].ok ? op.resolve(results[i].value) : op.reject(results[i].error)));
  };
  const call = (op, args) => new Promise((resolve, reject) => {
    queue.push({ op, args, resolve, reject });
    if (!scheduled) { scheduled = true; setImmediate(drain); }
  });
  return {
    accept: (rows) => call('accept', { rows: rows.map(deliveryInsertParams) }),
    record: (r) => call('record', { attempt: attemptInsertParams(r), update: recordUpdateParams(r) }),
    close: async () => db.close(),
  };
}

function realStore(file, synchronous) {
  const { SqliteDeliveryStore } = require(path.join(SQLITE_DIR, 'sqlite-delivery.store.js'));
  return new SqliteDeliveryStore({ path: file, synchronous });
}

/** Newline-delimited JSON over a stream; calls `onMessage` per line. */
function lineReader(socket, onMessage) {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line) onMessage(JSON.parse(line));
    }
  });
}

/** Collects lines written in one tick and writes them in one socket write. */
function tickWriter(socket) {
  let lines = [];
  return (message) => {
    lines.push(JSON.stringify(message));
    if (lines.length === 1) queueMicrotask(() => { const out = lines.join('\n') + '\n'; lines = []; socket.write(out); });
  };
}

/** Design C, process 0: serves the other processes' operations with its own store. */
function serveStore(store, socketPath) {
  const server = net.createServer((socket) => {
    const send = tickWriter(socket);
    socket.on('error', () => undefined);
    lineReader(socket, ({ id, op, args }) => {
      const p = op === 'accept' ? store.accept(args) : store.record(args);
      p.then((value) => send({ id, ok: true, value }), (error) => send({ id, ok: false, message: String(error && error.message) }));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve(server));
  });
}

/** Design C, processes 1 and 2: the store's two methods as requests to process 0. */
function remoteStore(socketPath) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.setNoDelay?.(true);
      const pending = new Map();
      let next = 1;
      const send = tickWriter(socket);
      lineReader(socket, ({ id, ok, value, message }) => {
        const p = pending.get(id);
        pending.delete(id);
        if (ok) p.resolve(value); else p.reject(new Error(message));
      });
      const call = (op, args) => new Promise((res, rej) => {
        const id = next++;
        pending.set(id, { resolve: res, reject: rej });
        send({ id, op, args });
      });
      resolve({
        accept: (rows) => call('accept', rows),
        record: (r) => call('record', r),
        close: async () => socket.end(),
      });
    });
  });
}

async function child() {
  const cfg = JSON.parse(process.env.SQLW_CONFIG);
  process.on('disconnect', () => process.exit(0));
  setTimeout(() => process.exit(3), cfg.hardLimitMs).unref(); // whatever happens, gone by then
  let store;
  let server;
  if (cfg.design === 'A') store = realStore(cfg.file, cfg.synchronous);
  else if (cfg.design === 'B') store = mainThreadStore(cfg.file, cfg.synchronous);
  else if (cfg.index === 0) {
    store = realStore(cfg.file, cfg.synchronous);
    server = await serveStore(store, cfg.socket);
  } else store = await remoteStore(cfg.socket);

  const counts = { ops: 0, stale: 0, errors: 0 };
  let lastError = '';
  let stopping = false;
  const lane = async () => {
    while (!stopping) {
      try {
        const row = newRow();
        await store.accept([row]);
        counts.ops++;
        const applied = await store.record(attemptRecord(row));
        counts.ops++;
        if (!applied) counts.stale++;
      } catch (error) {
        counts.errors++;
        lastError = String(error && error.message);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  };
  // One warm-up operation each, so the thread / connection is up before the clock starts.
  const first = newRow();
  await store.accept([first]);
  await store.record(attemptRecord(first));

  const startMsg = new Promise((resolve) => process.on('message', (m) => m.type === 'start' && resolve()));
  const exitMsg = new Promise((resolve) => process.on('message', (m) => m.type === 'exit' && resolve()));
  process.send({ type: 'ready' });
  await startMsg;

  const eld = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
  const lanes = Array.from({ length: cfg.lanes }, lane);
  await new Promise((r) => setTimeout(r, cfg.warmupMs));
  eld.enable();
  const ops0 = counts.ops;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, cfg.seconds * 1000));
  const ops1 = counts.ops;
  const cpu = process.cpuUsage(cpu0);
  const windowS = (performance.now() - t0) / 1000;
  eld.disable();
  stopping = true;
  await Promise.race([Promise.all(lanes), new Promise((r) => setTimeout(r, 30_000))]);
  const lag = (p) => Math.max(0, (p === 'max' ? eld.max : eld.percentile(p)) / 1e6 - ELD_RESOLUTION_MS);
  process.send({
    type: 'result', index: cfg.index, opsPerS: (ops1 - ops0) / windowS, lagP50: lag(50), lagP99: lag(99), lagMax: lag('max'),
    samples: eld.count, cpuPct: ((cpu.user + cpu.system) / 1000 / (windowS * 1000)) * 100, stale: counts.stale, errors: counts.errors, lastError,
  });
  await exitMsg; // design C: process 0 keeps serving until every process is done
  if (server) server.close();
  await store.close();
  process.exit(0);
}

// ───────────────────────────────────────────── parent ─────────────────────────────────────────────

function args() {
  const a = { seconds: 6, warmup: 1, runs: 2, lanes: 64, designs: 'A,B,C', sync: 'FULL,NORMAL' };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in a)) throw new Error(`unknown option ${argv[i]}`);
    a[key] = typeof a[key] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
  }
  return { ...a, designs: a.designs.split(','), sync: a.sync.split(',') };
}

const children = new Set();
let tmpDir;
function cleanup() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  tmpDir = undefined;
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { cleanup(); process.exit(130); });

function waitMessage(c, type, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child ${c.pid}: no '${type}' after ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m) => {
      if (m.type !== type) return;
      clearTimeout(timer); c.off('message', onMessage); c.off('exit', onExit); resolve(m);
    };
    const onExit = (code) => { clearTimeout(timer); c.off('message', onMessage); reject(new Error(`child ${c.pid} exited (${code}) before '${type}'`)); };
    c.on('message', onMessage);
    c.once('exit', onExit);
  });
}

const loadavg = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');

async function runOnce(opts, template, design, synchronous, run) {
  const file = path.join(tmpDir, `${design}-${synchronous}-${run}.sqlite`);
  fs.copyFileSync(template, file);
  const socket = path.join(tmpDir, `${design}-${synchronous}-${run}.sock`);
  const hardLimitMs = (opts.warmup + opts.seconds) * 1000 + 90_000;
  const procs = [];
  const loadBefore = loadavg();
  try {
    for (let index = 0; index < 3; index++) {
      const c = fork(__filename, ['--child'], {
        env: { ...process.env, SQLW_CONFIG: JSON.stringify({ design, synchronous, index, file, socket, lanes: opts.lanes, seconds: opts.seconds, warmupMs: opts.warmup * 1000, hardLimitMs }) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      children.add(c);
      c.once('exit', () => children.delete(c));
      procs.push(c);
      // C: the writer process listens before the others connect.
      if (design === 'C' && index === 0) await waitMessage(c, 'ready', 30_000);
    }
    await Promise.all(procs.map((c, i) => (design === 'C' && i === 0 ? null : waitMessage(c, 'ready', 30_000))));
    const results = procs.map((c) => waitMessage(c, 'result', hardLimitMs));
    for (const c of procs) c.send({ type: 'start' });
    // Control: this process does nothing during the run; its own event-loop lag is the machine's noise
    // (CPU contention from whatever else runs), measured over the children's window.
    const control = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
    const controlTimers = [setTimeout(() => control.enable(), opts.warmup * 1000), setTimeout(() => control.disable(), (opts.warmup + opts.seconds) * 1000)];
    const out = await Promise.all(results);
    controlTimers.forEach(clearTimeout);
    control.disable();
    const controlLag = { p99: Math.max(0, control.percentile(99) / 1e6 - ELD_RESOLUTION_MS), max: Math.max(0, control.max / 1e6 - ELD_RESOLUTION_MS) };
    const loadAfter = loadavg();
    for (const c of procs) c.send({ type: 'exit' });
    await Promise.all(procs.map((c) => (c.exitCode !== null ? null : new Promise((resolve) => {
      const t = setTimeout(() => { c.kill('SIGKILL'); resolve(); }, 20_000);
      c.once('exit', () => { clearTimeout(t); resolve(); });
    }))));
    // Sanity: every accepted row was recorded once (none stale), counted in the file.
    const Database = require('better-sqlite3');
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT COUNT(*) AS n, SUM(version = 1) AS v1 FROM deliveries').get();
    const attempts = db.prepare('SELECT COUNT(*) AS n FROM delivery_attempts').get().n;
    db.close();
    return { design, synchronous, run, out, controlLag, loadBefore, loadAfter, rows: rows.n, v1: rows.v1, attempts };
  } finally {
    for (const c of procs) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const f of fs.readdirSync(tmpDir)) if (f.startsWith(`${design}-${synchronous}-${run}.`)) fs.rmSync(path.join(tmpDir, f), { force: true });
  }
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const f1 = (n) => (n >= 100 ? Math.round(n).toString() : n.toFixed(1));

async function main() {
  const opts = args();
  for (const f of ['sqlite-delivery.store.js', 'sqlite-delivery.statements.js']) {
    if (!fs.existsSync(path.join(SQLITE_DIR, f))) throw new Error(`${path.join(SQLITE_DIR, f)} is missing: run "npm run build" first`);
  }
  registerPaths();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookrelay-sqlite-writers-'));
  const template = path.join(tmpDir, 'template.sqlite');
  const { runSchemaMigrations } = require('@hookrelay/persistence');
  await runSchemaMigrations({ driver: 'sqlite', path: template }, 'delivery');
  {
    const Database = require('better-sqlite3');
    const db = new Database(template);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  console.log(`node ${process.version}, ${os.cpus().length} cores, 3 processes × ${opts.lanes} callers, warm-up ${opts.warmup} s, window ${opts.seconds} s`);
  console.log(`uptime: ${execSync('uptime').toString().trim()}`);
  const results = [];
  for (let run = 1; run <= opts.runs; run++) {
    for (const synchronous of opts.sync) {
      for (const design of opts.designs) {
        const r = await runOnce(opts, template, design, synchronous, run);
        results.push(r);
        const total = r.out.reduce((s, o) => s + o.opsPerS, 0);
        const errors = r.out.reduce((s, o) => s + o.errors, 0);
        const stale = r.out.reduce((s, o) => s + o.stale, 0);
        console.log(`  ${design} ${pad(synchronous, 6)} run ${run}: ${lpad(Math.round(total), 6)} ops/s, lag p99 ${r.out.map((o) => f1(o.lagP99)).join('/')} ms, `
          + `max ${r.out.map((o) => f1(o.lagMax)).join('/')} ms; errors ${errors}${errors ? ` (${r.out.find((o) => o.errors).lastError})` : ''}, stale ${stale}; `
          + `control lag p99/max ${f1(r.controlLag.p99)}/${f1(r.controlLag.max)} ms; rows ${r.rows} (v1 ${r.v1}), attempts ${r.attempts}; load ${r.loadBefore} → ${r.loadAfter}`);
      }
    }
  }
  console.log('');
  console.log('design × synchronous, run | total ops/s | ops/s per process | lag p50 ms (per process) | lag p99 ms (per process) | lag max ms (per process) | CPU % per process | idle control p99/max ms | load avg 1/5/15 after');
  console.log('-'.repeat(195));
  const designName = { A: 'A writer thread', B: 'B main thread', C: 'C one writer proc' };
  for (const design of opts.designs) {
    for (const synchronous of opts.sync) {
      for (const r of results.filter((x) => x.design === design && x.synchronous === synchronous)) {
        const o = r.out.sort((a, b) => a.index - b.index);
        const total = o.reduce((s, x) => s + x.opsPerS, 0);
        console.log(`${pad(`${designName[design]} ${synchronous}`, 25)} #${r.run} | ${lpad(Math.round(total).toLocaleString('en'), 11)} | `
          + `${pad(o.map((x) => Math.round(x.opsPerS)).join(' / '), 19)} | ${pad(o.map((x) => f1(x.lagP50)).join(' / '), 24)} | `
          + `${pad(o.map((x) => f1(x.lagP99)).join(' / '), 24)} | ${pad(o.map((x) => f1(x.lagMax)).join(' / '), 24)} | `
          + `${pad(o.map((x) => Math.round(x.cpuPct)).join(' / '), 17)} | ${pad(`${f1(r.controlLag.p99)} / ${f1(r.controlLag.max)}`, 23)} | ${r.loadAfter}`);
      }
    }
  }
  console.log(`\nlag = monitorEventLoopDelay(resolution ${ELD_RESOLUTION_MS} ms) value − ${ELD_RESOLUTION_MS} ms; idle control = the same measured in the idle parent`);
  console.log('process over the same window (machine noise). Design C: process 1 is the writer, 2 and 3 go through it (Unix socket).');
  console.log(`uptime: ${execSync('uptime').toString().trim()}`);
}

if (process.argv[2] === '--child') {
  child().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().then(() => { cleanup(); process.exit(0); }, (error) => { console.error(error); cleanup(); process.exit(1); });
}
