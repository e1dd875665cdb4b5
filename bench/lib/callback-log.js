'use strict';
// Optional (BENCH_LOG=1): GET /callback with filters over BENCH_ROWS (1,000,000) stored callbacks, seeded
// straight into the SQLite deliveries table of a running platform. p50/p99 of 100 requests per query.
const crypto = require('node:crypto');
const { Pool } = require('undici');
const { fmt, percentile } = require('./util');

function seedCallbackLog(sqlitePath, tenantId, rows) {
  const Database = require('better-sqlite3');
  const db = new Database(sqlitePath, { timeout: 15000 });
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(`INSERT INTO deliveries (id, tenant_id, source, subscription_id, url, event, payload, headers, policy, authorization_sealed, state,
    application_state, close_reason, attempts, next_attempt_at, created_at, updated_at, closed_at) VALUES (?, ?, 'application_webhook', '1', 'http://127.0.0.1/x', 'bench.seed', '{}', '{}',
    '{"kind":"conpeek","retryEnabled":0,"retryConfig":null,"timeoutMs":10000}', NULL, ?, ?, ?, 1, NULL, ?, ?, ?)`);
  const states = [['CLOSED', 'CLOSED', 'DELIVERED'], ['CLOSED', 'CLOSED', 'EXHAUSTED'], ['OPEN', 'RETRY', null], ['CLOSED', 'CLOSED', 'DELIVERED']];
  const base = Date.now() - rows * 1000;
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const [state, app, reason] = states[i % states.length];
      const at = base + i * 1000;
      const hex = at.toString(16).padStart(12, '0');
      const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${crypto.randomBytes(2).toString('hex').slice(1)}-8${crypto.randomBytes(2).toString('hex').slice(1)}-${crypto.randomBytes(6).toString('hex')}`;
      insert.run(id, tenantId, state, app, reason, at, at, state === 'CLOSED' ? at : null);
    }
  });
  for (let i = 0; i < rows; i += 20000) batch(i, Math.min(rows, i + 20000));
  db.close();
}

async function callbackLogSection({ platform, tenant, rows, log }) {
  const seeded = performance.now();
  try {
    seedCallbackLog(platform.sqlitePath, tenant, rows);
  } catch (error) {
    log(`    skipped: seeding the deliveries table failed (${error.message})`);
    return;
  }
  log(`    ${rows.toLocaleString('en')} stored callbacks seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
  const pool = new Pool(platform.base, { connections: 4 });
  const queries = {
    'state=OPEN, limit 100': `/callback?limit=100&filter=${encodeURIComponent('[{"property":"state","value":"OPEN"}]')}`,
    'created_date > 10 days ago, application_state in [RETRY], sorted desc, limit 100':
      `/callback?limit=100&sort=created_date&dir=desc&filter=${encodeURIComponent(JSON.stringify([{ property: 'created_date', operator: 'gt', value: new Date(Date.now() - 10 * 864e5).toISOString().slice(0, 19).replace('T', ' ') }, { property: 'application_state', value: ['RETRY'] }]))}`,
    'no filter, default page (1000)': '/callback',
  };
  try {
    for (const [label, p] of Object.entries(queries)) {
      const times = [];
      for (let i = 0; i < 100; i++) {
        const started = performance.now();
        const res = await pool.request({ path: p, method: 'GET', headers: { authorization: platform.key }, headersTimeout: 30000, bodyTimeout: 30000 });
        const text = await res.body.text();
        if (res.statusCode !== 200) throw new Error(`${p}: ${res.statusCode} ${text.slice(0, 300)}`);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      log(`    ${label}: p50 ${fmt(percentile(times, 50))} ms, p99 ${fmt(percentile(times, 99))} ms`);
    }
  } catch (error) {
    log(`    failed: ${error.message}`);
  } finally {
    await pool.close();
  }
}

module.exports = { callbackLogSection };
