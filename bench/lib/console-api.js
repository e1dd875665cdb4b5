'use strict';
// BENCH_ONLY=console (or BENCH_CONSOLE=1): the console's two hot reads over BENCH_ROWS (1,000,000) stored
// deliveries — a filtered page of 100 of GET /hookrelay/v1/deliveries (target p99 < 300 ms) and the
// overview's GET /hookrelay/v1/stats (target p99 < 100 ms) — seeded straight into the SQLite tables of a
// running platform: deliveries spread over 24 h, 4 sources' worth of 40 subscriptions and every outcome,
// and the per-minute stats rows the engine's stats flusher writes for them. p50/p99 of 100 requests per query,
// measured at the client on 127.0.0.1 (gateway + NATS hop + service + database: the server's time plus
// a loopback round trip).
const crypto = require('node:crypto');
const { Pool } = require('undici');
const { fmt, percentile } = require('./util');

const SUBSCRIPTIONS = 40;
/** [state, application_state, close_reason, stats outcome] in the proportions of a busy tenant. */
const OUTCOMES = [
  ...Array(14).fill(['CLOSED', 'CLOSED', 'DELIVERED', 'delivered']),
  ['CLOSED', 'CLOSED', 'EXHAUSTED', 'failed'],
  ['OPEN', 'RETRY', null, 'retrying'],
  ['CLOSED', 'CLOSED', 'DISABLED', 'disabled'],
  ['CLOSED', 'CLOSED', 'CANCELLED', null],
];
const SOURCES = ['application_webhook', 'envelope_callback', 'integration_point'];
/** Upper bounds (ms) of the latency histogram buckets the seed fills (the product's own bounds are used when known). */
const SEED_LATENCY_MS = [5, 20, 50, 200];

function timeOrderedId(at) {
  const hex = at.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${crypto.randomBytes(2).toString('hex').slice(1)}-8${crypto.randomBytes(2).toString('hex').slice(1)}-${crypto.randomBytes(6).toString('hex')}`;
}

function seedConsoleData(sqlitePath, tenantId, rows) {
  const Database = require('better-sqlite3');
  const db = new Database(sqlitePath, { timeout: 15000 });
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(`INSERT INTO deliveries (id, tenant_id, source, subscription_id, url, event, payload, headers, policy, authorization_sealed, state,
    application_state, close_reason, attempts, next_attempt_at, created_at, updated_at, closed_at) VALUES (?, ?, ?, ?, 'http://127.0.0.1/x', 'bench.seed', '{"n":1}', '{}',
    '{"kind":"conpeek","retryEnabled":0,"retryConfig":null,"timeoutMs":10000}', NULL, ?, ?, ?, 1, NULL, ?, ?, ?)`);
  const now = Date.now();
  const spanMs = 24 * 3600 * 1000;
  const minutes = new Map();
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const [state, app, reason, outcome] = OUTCOMES[i % OUTCOMES.length];
      const at = now - spanMs + Math.floor((i * spanMs) / rows);
      const sub = i % SUBSCRIPTIONS;
      insert.run(timeOrderedId(at), tenantId, SOURCES[sub % SOURCES.length], `sub-${sub}`, state, app, reason, at, at, state === 'CLOSED' ? at : null);
      if (outcome) {
        const minute = at - (at % 60000);
        const m = minutes.get(minute) || { delivered: 0, retrying: 0, failed: 0, disabled: 0 };
        m[outcome]++;
        minutes.set(minute, m);
      }
    }
  });
  for (let i = 0; i < rows; i += 20000) batch(i, Math.min(rows, i + 20000));
  const statsRows = seedStats(db, tenantId, minutes);
  db.close();
  return statsRows;
}

/** The per-minute stats rows for what was seeded, as the stats flusher would have written them (if the schema has them). */
function seedStats(db, tenantId, minutes) {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name));
  if (!tables.has('delivery_stats_minutes')) return 0;
  const columns = new Set(db.prepare('PRAGMA table_info(delivery_stats_minutes)').all().map((c) => c.name));
  const sumColumn = ['latency_ms_sum', 'latency_sum_ms', 'duration_ms_sum'].find((c) => columns.has(c));
  const minuteRow = db.prepare(`INSERT OR REPLACE INTO delivery_stats_minutes (tenant_id, minute, delivered, retrying, failed, disabled, attempts${sumColumn ? `, ${sumColumn}` : ''})
    VALUES (?, ?, ?, ?, ?, ?, ?${sumColumn ? ', ?' : ''})`);
  const latency = tables.has('delivery_stats_latency') ? db.prepare('INSERT OR REPLACE INTO delivery_stats_latency (tenant_id, minute, bucket, count) VALUES (?, ?, ?, ?)') : null;
  let written = 0;
  db.transaction(() => {
    for (const [minute, m] of minutes) {
      const attempts = m.delivered + m.retrying + m.failed + m.disabled;
      minuteRow.run(tenantId, minute, m.delivered, m.retrying, m.failed, m.disabled, attempts, ...(sumColumn ? [attempts * 30] : []));
      if (latency) SEED_LATENCY_MS.forEach((_, bucket) => latency.run(tenantId, minute, bucket + 3, Math.ceil(attempts / SEED_LATENCY_MS.length)));
      written++;
    }
  })();
  return written;
}

async function timeQuery(pool, key, path) {
  const times = [];
  let last;
  for (let i = 0; i < 100; i++) {
    const started = performance.now();
    const res = await pool.request({ path, method: 'GET', headers: { authorization: key }, headersTimeout: 30000, bodyTimeout: 30000 });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${text.slice(0, 300)}`);
    times.push(performance.now() - started);
    last = text;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), last: JSON.parse(last) };
}

/** Returns { pages: {label: p99}, stats: {label: p99} } for the targets table. */
async function consoleApiSection({ platform, tenant, rows, log }) {
  const seeded = performance.now();
  let statsRows;
  try {
    statsRows = seedConsoleData(platform.sqlitePath, tenant, rows);
  } catch (error) {
    log(`    skipped: seeding the deliveries table failed (${error.message})`);
    return undefined;
  }
  log(`    ${rows.toLocaleString('en')} deliveries (${SUBSCRIPTIONS} subscriptions, 24 h) and ${statsRows.toLocaleString('en')} stats minutes seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
  const pool = new Pool(platform.base, { connections: 4 });
  const hourAgo = new Date(Date.now() - 3600e3).toISOString();
  const pages = {
    'newest 100, no filter': '/hookrelay/v1/deliveries?limit=100',
    'close_reason=EXHAUSTED, limit 100': '/hookrelay/v1/deliveries?limit=100&close_reason=EXHAUSTED',
    'state=OPEN + application_state=RETRY, limit 100': '/hookrelay/v1/deliveries?limit=100&state=OPEN&application_state=RETRY',
    'one subscription, failed, limit 100': '/hookrelay/v1/deliveries?limit=100&source=envelope_callback&subscription_id=sub-4&close_reason=EXHAUSTED',
    // The seed gives sub-7 no EXHAUSTED delivery: the page reads every one of its 25,000 rows to find none.
    'one subscription, failed, none match (worst case)': '/hookrelay/v1/deliveries?limit=100&source=envelope_callback&subscription_id=sub-7&close_reason=EXHAUSTED',
    'one subscription, created in the last hour': `/hookrelay/v1/deliveries?limit=100&source=application_webhook&subscription_id=sub-3&created_from=${encodeURIComponent(hourAgo)}`,
    'by delivery id': null,
  };
  const stats = { 'stats, last hour': '/hookrelay/v1/stats?window=1h', 'stats, last day': '/hookrelay/v1/stats?window=24h' };
  const result = { pages: {}, stats: {} };
  try {
    let cursorPath;
    for (const [label, given] of Object.entries(pages)) {
      const p = given ?? `/hookrelay/v1/deliveries?id=${encodeURIComponent(result.anyId)}`;
      const r = await timeQuery(pool, platform.key, p);
      if (!result.anyId && r.last.data[0]) result.anyId = r.last.data[0].id;
      if (!cursorPath && r.last.next_before) cursorPath = `/hookrelay/v1/deliveries?limit=100&before=${encodeURIComponent(r.last.next_before)}`;
      result.pages[label] = r.p99;
      log(`    GET deliveries, ${label}: p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms (${r.last.data.length} rows)`);
    }
    if (cursorPath) {
      const r = await timeQuery(pool, platform.key, cursorPath);
      result.pages['second page (keyset cursor)'] = r.p99;
      log(`    GET deliveries, second page (keyset cursor): p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms`);
    }
    for (const [label, p] of Object.entries(stats)) {
      const r = await timeQuery(pool, platform.key, p);
      result.stats[label] = r.p99;
      const d = r.last.data;
      log(`    GET ${label}: p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms (${d.series.length} buckets, delivered ${d.totals.delivered}, queue depth ${d.queue_depth}${d.queue_depth_capped ? '+' : ''})`);
    }
  } catch (error) {
    log(`    failed: ${error.message}`);
  } finally {
    await pool.close();
  }
  delete result.anyId;
  return result;
}

module.exports = { consoleApiSection };
