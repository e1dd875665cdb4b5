#!/usr/bin/env node
// npm run bench — delivery throughput and latency of the real platform on the embedded defaults.
// Starts nats-server + the four apps (SQLite in a temp dir) + a local receiver, then prints:
//   1. a bare undici POST loop against the receiver (the ceiling), 2. sustained deliveries/s end to end
//   (events accepted → received) at fan-out 1 (application webhooks) and fan-out 10 (envelope callbacks,
//   when that API is present), with the ratio to the bare loop, 3. p50/p99 accepted→received at a
//   fixed 500 events/s, 4. GET /callback with a filter over 1,000,000 stored callbacks (p50/p99).
// Options (env): BENCH_SECONDS (8), BENCH_ROWS (1000000), BENCH_SKIP_LOG=1.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { Pool } = require('undici');

const root = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const ROWS = Number(process.env.BENCH_ROWS || 1_000_000);

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}
const fmt = (n) => (Number.isFinite(n) ? (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2)) : 'n/a');

function startReceiver() {
  const received = new Map(); // webhook-id → receive time (ms, hrtime based)
  const sentAtLatencies = []; // envelope events carry their send time in the subject ("bench:<ms>")
  let count = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      count++;
      const now = performance.now();
      const id = req.headers['webhook-id'];
      if (id && !received.has(id)) received.set(id, now);
      const subject = /"subject":"bench:([0-9.]+)"/.exec(Buffer.concat(chunks).toString());
      if (subject) sentAtLatencies.push(now - Number(subject[1]));
      res.writeHead(200, { 'content-length': '0' });
      res.end();
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port, received, sentAtLatencies, count: () => count })));
}

async function startPlatform() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookrelay-bench-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const env = { ...process.env, HOOKRELAY_DATA_DIR: dataDir, PORT: String(port), NATS_PORT: String(port + 10000), DELIVERY_ALLOW_CIDRS: '127.0.0.0/8', FORCE_COLOR: '0' };
  const child = spawn(process.execPath, [path.join(root, 'tools/scripts/start-platform.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  const key = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform did not start:\n${output.slice(-3000)}`)), 90_000);
    child.stdout.on('data', (d) => {
      output += d;
      const match = /API key:\s+(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', () => reject(new Error(`platform exited:\n${output.slice(-3000)}`)));
  });
  child.stdout.resume();
  return { child, key, base: `http://127.0.0.1:${port}`, dataDir, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

async function bareLoop(receiverPort) {
  const pool = new Pool(`http://127.0.0.1:${receiverPort}`, { connections: 64 });
  const body = JSON.stringify({ event_name: 'bench', data: 'x'.repeat(900) });
  let done = 0;
  const end = Date.now() + 3000;
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (Date.now() < end) {
      const res = await pool.request({ path: '/bare', method: 'POST', body, headers: { 'content-type': 'application/json' } });
      await res.body.dump();
      done++;
    }
  }));
  await pool.close();
  return done / 3;
}

function api(base, key) {
  const pool = new Pool(base, { connections: 32, pipelining: 1 });
  return {
    async post(p, body, headers = {}) {
      const res = await pool.request({ path: p, method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: key, ...headers } });
      const text = await res.body.text();
      return { status: res.statusCode, json: text ? JSON.parse(text) : undefined };
    },
    async put(p, body, headers = {}) {
      const res = await pool.request({ path: p, method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: key, ...headers } });
      const text = await res.body.text();
      return { status: res.statusCode, json: text ? JSON.parse(text) : undefined };
    },
    async get(p) {
      const started = performance.now();
      const res = await pool.request({ path: p, method: 'GET', headers: { authorization: key } });
      const text = await res.body.text();
      return { status: res.statusCode, json: text ? JSON.parse(text) : undefined, ms: performance.now() - started };
    },
    close: () => pool.close(),
  };
}

/** Sends events as fast as `concurrency` allows for `seconds`; returns accepted ids with their accept times. */
async function saturate(send, seconds, concurrency) {
  const accepted = new Map();
  const end = Date.now() + seconds * 1000;
  let failed = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < end) {
      const res = await send();
      if (res.status === 202) for (const id of res.ids) accepted.set(id, performance.now());
      else failed++;
    }
  }));
  return { accepted, failed };
}

async function drain(receiver, ids, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (ids.every((id) => receiver.received.has(id))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function deliveryRun(label, receiver, send, perEvent, bare) {
  receiver.received.clear();
  const started = performance.now();
  const { accepted, failed } = await saturate(send, SECONDS, 32);
  const ids = [...accepted.keys()];
  const drained = await drain(receiver, ids, 120_000);
  const lastReceived = Math.max(...ids.map((id) => receiver.received.get(id) ?? 0));
  const seconds = (lastReceived - started) / 1000;
  const rate = ids.length / seconds;
  const latencies = ids.filter((id) => receiver.received.has(id)).map((id) => receiver.received.get(id) - accepted.get(id)).sort((a, b) => a - b);
  console.log(`  ${label}: ${ids.length.toLocaleString('en')} deliveries (${(ids.length / perEvent).toLocaleString('en')} events, ${failed} refused) in ${seconds.toFixed(1)} s → ${fmt(rate)} deliveries/s (ratio to bare loop ${(rate / bare).toFixed(3)}), accepted→received p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms${drained ? '' : '  [NOT ALL DELIVERED within 120 s]'}`);
  return rate;
}

/** Envelope events (each matches 10 callbacks): deliveries counted at the receiver, latency from send time. */
async function fanOutRun(client, key, mailbox, receiver, bare) {
  const { randomUUID } = require('node:crypto');
  receiver.sentAtLatencies.length = 0;
  const before = receiver.count();
  const started = performance.now();
  const end = Date.now() + SECONDS * 1000;
  let expected = 0;
  let refused = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (Date.now() < end) {
      const now = Date.now();
      const res = await client.post('/api/v1/envelope/events', {
        uuid: randomUUID(), label: [], status: 'COMPLETED', subject: `bench:${performance.now()}`, receiveDate: now, expireDate: now + 864e5,
        template: randomUUID(), sender: randomUUID(), scope: 'inbox',
      }, { mailbox, authorization: `Bearer ${key}` });
      if (res.status === 202) expected += res.json.deliveries;
      else refused++;
    }
  }));
  const deadline = Date.now() + 120_000;
  while (receiver.count() - before < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const seconds = (performance.now() - started) / 1000;
  const delivered = receiver.count() - before;
  const rate = delivered / seconds;
  const latencies = [...receiver.sentAtLatencies].sort((a, b) => a - b);
  console.log(`  fan-out 10 (envelope callbacks): ${delivered.toLocaleString('en')} of ${expected.toLocaleString('en')} deliveries (${refused} events refused) in ${seconds.toFixed(1)} s → ${fmt(rate)} deliveries/s (ratio to bare loop ${(rate / bare).toFixed(3)}), sent→received p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms`);
}

async function fixedRate(receiver, send, perSecond, seconds) {
  receiver.received.clear();
  const accepted = new Map();
  const interval = 1000 / perSecond;
  const start = performance.now();
  const pending = [];
  for (let i = 0; i < perSecond * seconds; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(send().then((res) => { if (res.status === 202) for (const id of res.ids) accepted.set(id, performance.now()); }));
  }
  await Promise.all(pending);
  const ids = [...accepted.keys()];
  await drain(receiver, ids, 60_000);
  const latencies = ids.filter((id) => receiver.received.has(id)).map((id) => receiver.received.get(id) - accepted.get(id)).sort((a, b) => a - b);
  console.log(`  ${perSecond} events/s offered for ${seconds} s: ${ids.length} accepted, accepted→received p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms, max ${fmt(latencies.at(-1))} ms`);
}

function seedCallbackLog(sqlitePath, tenantId, rows) {
  const Database = require('better-sqlite3');
  const db = new Database(sqlitePath, { timeout: 15000 });
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(`INSERT INTO deliveries (id, tenant_id, source, subscription_id, url, event, payload, headers, policy, authorization_sealed, state,
    application_state, close_reason, attempts, next_attempt_at, created_at, updated_at, closed_at) VALUES (?, ?, 'application_webhook', '1', 'http://127.0.0.1/x', 'bench.seed', '{}', '{}',
    '{"kind":"conpeek","retryEnabled":0,"retryConfig":null,"timeoutMs":10000}', NULL, ?, ?, ?, 1, NULL, ?, ?, ?)`);
  const states = [['CLOSED', 'CLOSED', 'DELIVERED'], ['CLOSED', 'CLOSED', 'EXHAUSTED'], ['OPEN', 'RETRY', null], ['CLOSED', 'CLOSED', 'DELIVERED']];
  const base = Date.now() - rows * 1000;
  const crypto = require('node:crypto');
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const [state, app, reason] = states[i % states.length];
      const at = base + i * 1000;
      const id = `${at.toString(16).padStart(12, '0').slice(0, 8)}-${at.toString(16).padStart(12, '0').slice(8, 12)}-7${crypto.randomBytes(2).toString('hex').slice(1)}-8${crypto.randomBytes(2).toString('hex').slice(1)}-${crypto.randomBytes(6).toString('hex')}`;
      insert.run(id, tenantId, state, app, reason, at, at, state === 'CLOSED' ? at : null);
    }
  });
  for (let i = 0; i < rows; i += 20000) batch(i, Math.min(rows, i + 20000));
  db.close();
}

async function main() {
  console.log(`Hookrelay bench — ${os.cpus().length} cores, Node ${process.version}, ${SECONDS} s per run\n`);
  const receiver = await startReceiver();
  const platform = await startPlatform();
  const client = api(platform.base, platform.key);
  try {
    const bare = await bareLoop(receiver.port);
    console.log(`bare undici POST loop (64 concurrent, 1 KB): ${fmt(bare)} requests/s\n`);

    const put = await client.put('/application/1/webhook', { url: `http://127.0.0.1:${receiver.port}/hook`, retry_enabled: 0 });
    if (put.status !== 200) throw new Error(`PUT webhook: ${put.status} ${JSON.stringify(put.json)}`);
    const data = { payload: 'x'.repeat(900) };
    const appEvent = async () => {
      const res = await client.post('/application/1/events', { event_name: 'bench', event_type: 'bench', data });
      return { status: res.status, ids: res.status === 202 ? [res.json.data.id] : [] };
    };
    console.log('sustained delivery, durable end to end:');
    await deliveryRun('fan-out 1 (application webhook)', receiver, appEvent, 1, bare);

    const mailbox = '5e8c6a0e-3f7b-4c1d-9a2e-7b1f0c9d8e6a';
    let callbacks = 0;
    for (let i = 0; i < 10; i++) {
      const res = await client.post('/api/v1/envelope/callback/add', { filter: {}, url: `http://127.0.0.1:${receiver.port}/cb${i}`, retries: 0, timeout: 10000 }, { mailbox, authorization: `Bearer ${platform.key}` });
      if (res.status === 201) callbacks++;
    }
    if (callbacks === 10) await fanOutRun(client, platform.key, mailbox, receiver, bare);
    else console.log('  fan-out 10 (envelope callbacks): skipped — could not create 10 envelope callbacks');

    console.log('\nlatency at a fixed offered load:');
    await fixedRate(receiver, appEvent, 500, Math.min(SECONDS, 6));

    if (!process.env.BENCH_SKIP_LOG) {
      const tenant = require('better-sqlite3')(path.join(platform.dataDir, 'hookrelay.sqlite'), { readonly: true }).prepare('SELECT id FROM tenants LIMIT 1').get().id;
      const seeded = performance.now();
      seedCallbackLog(path.join(platform.dataDir, 'hookrelay.sqlite'), tenant, ROWS);
      console.log(`\nGET /callback over ${ROWS.toLocaleString('en')} stored callbacks (seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s):`);
      const queries = {
        'state=OPEN, limit 100': `/callback?limit=100&filter=${encodeURIComponent('[{"property":"state","value":"OPEN"}]')}`,
        'created_date > (10 days ago), application_state in [RETRY], sort created_date desc, limit 100':
          `/callback?limit=100&sort=created_date&dir=desc&filter=${encodeURIComponent(JSON.stringify([{ property: 'created_date', operator: 'gt', value: new Date(Date.now() - 10 * 864e5).toISOString().slice(0, 19).replace('T', ' ') }, { property: 'application_state', value: ['RETRY'] }]))}`,
        'no filter, default page (1000)': '/callback',
      };
      for (const [label, p] of Object.entries(queries)) {
        const times = [];
        for (let i = 0; i < 100; i++) {
          const res = await client.get(p);
          if (res.status !== 200) throw new Error(`${p}: ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
          times.push(res.ms);
        }
        times.sort((a, b) => a - b);
        console.log(`  ${label}: p50 ${fmt(percentile(times, 50))} ms, p99 ${fmt(percentile(times, 99))} ms`);
      }
    }
  } finally {
    await client.close();
    await platform.stop();
    receiver.server.close();
    fs.rmSync(platform.dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
