#!/usr/bin/env node
// npm run bench — delivery throughput, latency and footprint of the built product, each figure next to
// references measured in the same run on the same machine against the same local receiver.
//
// HOW TO READ THIS
// - Every delivery figure is "deliveries received per second at the receiver": unique webhook-id values
//   arriving at one local keep-alive HTTP receiver (127.0.0.1, in this process) over a steady window of
//   BENCH_SECONDS after a BENCH_WARMUP warm-up. Load is closed-loop and bounded: clients send as fast as
//   they are answered but pause while more than BENCH_BACKLOG accepted deliveries have not arrived, so
//   what is measured is sustained end-to-end throughput (ingest and delivery at once), not a burst into a
//   queue. After each run the backlog must drain before the next one ("drained in …").
// - References (same receiver, same payload, same measurement; each runs producer and worker in ONE
//   Node process next to its own server):
//     bare      undici POST loop, 64 concurrent, 1 KB JSON: the ceiling of the receiver + HTTP on this box;
//     reference bench/reference-pipeline.js: JetStream publish → pull consumer → undici POST → SQLite
//               (WAL, FULL) group commit → ack: a minimal durable pipeline, the floor the product should clear;
//     BullMQ    bench/bullmq-reference.js: Queue + Worker (concurrency 64) + axios, Redis with AOF everysec:
//               what a Node team writes in a day.
//   References run at the start and again at the end (BENCH_REF_ROUNDS=2); the machine drifts ±25 % from
//   minute to minute, so ratios use the mean of the rounds, and the spread between rounds is printed: a
//   ratio closer to its target than that spread is not a clear result either way.
// - The product runs as `npm start` runs it (tools/scripts/start-platform.js, all defaults, temp data dir,
//   DELIVERY_ALLOW_CIDRS=127.0.0.0/8), on SQLite and then on a throwaway PostgreSQL 15 (fsync on).
//   "lag" is prom-client's event-loop delay p99 over each run's window (its histogram resets at every
//   /metrics scrape, and the bench scrapes at the window's start and end); "CPU %" is per process over the
//   window (100 % = one core; the box has 2), "others" being processes the bench did not start (another
//   workload on the box disturbs the figures: the summary names such windows); "peak RSS" is VmHWM at the
//   end of the block.
// - Latency is measured open-loop at BENCH_RATE events/s (fan-out 1 over HTTP, after the saturation runs):
//   "accepted→received" runs from the 202 reaching the client to the delivery reaching the receiver
//   (negative = delivered before the client saw its 202); "sent→received" from the moment the request was
//   due, so it includes waiting for one of the client's BENCH_LAT_CONNECTIONS (64) connections when the
//   product answers slower than the offered rate ("202s at …/s" below the rate, "not sent" beyond 2 s of
//   unanswered requests). The target uses accepted→received and counts as met only if the rate was
//   sustained (202s at ≥ 95 % of it while sending, nothing skipped, all delivered).
// - "STILL UNDELIVERED" = accepted deliveries that had not reached the receiver BENCH_DRAIN_SECONDS after
//   the load stopped; the line after it shows how the product's own callback log sees its newest deliveries.
// - The final tables: every product figure as a ratio to each reference, then the targets, met or MISSED.
//
// Options (env): BENCH_SECONDS (8) window per run · BENCH_WARMUP (2) s · BENCH_BACKLOG (2000) deliveries ·
//   BENCH_RATE (1000) events/s for latency · BENCH_DRAIN_SECONDS (30) · BENCH_REF_ROUNDS (2) ·
//   BENCH_LAT_CONNECTIONS (64) connections of the latency client ·
//   BENCH_CLIENTS (64) concurrent clients of the fan-out 1 runs (fan-out 10: half; 100 per request: an eighth) ·
//   BENCH_SKIP_REFS=1 · BENCH_SKIP_PG=1 · BENCH_LOG=1 (GET /callback over BENCH_ROWS=1,000,000 rows, slow) ·
//   BENCH_CONSOLE=1 (the console's log page and stats over BENCH_ROWS deliveries: targets p99 < 300 ms / < 100 ms) ·
//   BENCH_ONLY=<comma list> of bare, ref, bullmq, refs, f1h, f1n, f10, b100, lat, sqlite, pg, httpclient, log, console
//   (product sections alone run on SQLite; `pg` alone runs every product section on PostgreSQL) ·
//   BENCH_ROOT (the checkout whose built dist/ and start-platform.js are run; default: this one).
// Needs `npm run build` first. Installs redis-server with apt-get when missing (as root).
'use strict';
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fmt, fmtMs, installExitHandlers, stopAll, tempDir } = require('./lib/util');
const { startReceiver } = require('./lib/receiver');
const { startNats, ensureRedis, startRedis, startPostgres } = require('./lib/servers');
const { startPlatform, scrapeLagP99, tenantId } = require('./lib/platform');
const { saturationRun, latencyRun } = require('./lib/measure');
const { callbackLogSection } = require('./lib/callback-log');
const { consoleApiSection } = require('./lib/console-api');

const num = (name, fallback) => (process.env[name] !== undefined && process.env[name] !== '' ? Number(process.env[name]) : fallback);
const ROOT = path.resolve(process.env.BENCH_ROOT || path.join(__dirname, '..'));
const SECONDS = num('BENCH_SECONDS', 8);
const WARMUP_MS = num('BENCH_WARMUP', 2) * 1000;
const BACKLOG = num('BENCH_BACKLOG', 2000);
const RATE = num('BENCH_RATE', 1000);
const DRAIN_MS = num('BENCH_DRAIN_SECONDS', 30) * 1000;
const REF_ROUNDS = num('BENCH_REF_ROUNDS', 2);
const ROWS = num('BENCH_ROWS', 1_000_000);
const CLIENTS = num('BENCH_CLIENTS', 64); // concurrent clients of the fan-out 1 runs; fan-out 10 uses half, 100 per request an eighth

const PRODUCT_SECTIONS = ['f1h', 'f1n', 'f10', 'b100', 'lat'];
const REF_SECTIONS = ['bare', 'ref', 'bullmq'];
const SECTION_TITLES = {
  bare: 'bare undici POST loop (64 concurrent, 1 KB)',
  ref: 'reference pipeline (JetStream → undici → SQLite FULL → ack)',
  bullmq: 'BullMQ + Redis + axios worker (concurrency 64)',
  f1h: `fan-out 1, HTTP (POST /application/{id}/events, ${CLIENTS} clients)`,
  f1n: `fan-out 1, NATS (webhooks.application-event.publish.v1, ${CLIENTS} in flight)`,
  f10: `fan-out 10 (one envelope event → 10 callbacks, ${Math.max(1, Math.round(CLIENTS / 2))} clients)`,
  b100: `100 envelope events per request (1 callback, ${Math.max(1, Math.round(CLIENTS / 8))} clients)`,
};
const SHORT = { f1h: 'fan-out 1 HTTP', f1n: 'fan-out 1 NATS', f10: 'fan-out 10', b100: '100 events/request' };
const LAG_PROCESSES = ['gateway', 'callbacks', 'webhooks', 'integration-points'];
const RSS_PROCESSES = ['gateway', 'callbacks', 'webhooks', 'integration-points', 'nats-server'];

function selection() {
  const only = (process.env.BENCH_ONLY || '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const expand = only.flatMap((t) => (t === 'refs' ? REF_SECTIONS : t === 'product' ? PRODUCT_SECTIONS : [t]));
  const known = [...REF_SECTIONS, ...PRODUCT_SECTIONS, 'sqlite', 'pg', 'httpclient', 'log', 'console'];
  const unknown = expand.filter((t) => !known.includes(t));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown section(s) ${unknown.join(', ')}; known: refs, product, ${known.join(', ')}`);
  if (!only.length) {
    return {
      refs: process.env.BENCH_SKIP_REFS ? [] : REF_SECTIONS,
      product: PRODUCT_SECTIONS,
      databases: process.env.BENCH_SKIP_PG ? ['sqlite'] : ['sqlite', 'pg'],
      httpClient: true,
      log: Boolean(process.env.BENCH_LOG),
      console: Boolean(process.env.BENCH_CONSOLE),
    };
  }
  const product = expand.filter((t) => PRODUCT_SECTIONS.includes(t));
  const databases = expand.filter((t) => t === 'sqlite' || t === 'pg');
  const log = expand.includes('log');
  const consoleApi = expand.includes('console');
  return {
    refs: expand.filter((t) => REF_SECTIONS.includes(t)),
    product: product.length ? product : databases.length ? PRODUCT_SECTIONS : [],
    databases: databases.length ? databases : product.length || log || consoleApi ? ['sqlite'] : [],
    httpClient: expand.includes('httpclient'),
    log,
    console: consoleApi,
  };
}

const log = (line = '') => console.log(line);
const pct = (cpu) => Object.entries(cpu).map(([n, v]) => `${n} ${Number.isFinite(v) ? Math.round(v) : '?'}`).join(', ');
const lagLine = (lag) => (lag ? LAG_PROCESSES.map((n) => `${n} ${fmtMs(lag[n])}`).join(', ') : 'n/a');

/** Parts of the run that could not finish (the bench goes on with the next part). */
const failures = [];
function failed(part, error) {
  const text = String(error && error.message ? error.message : error);
  const lines = text.split('\n');
  failures.push(`${part}: ${lines[0]}${lines.length > 1 ? ` — ${lines.at(-1)}` : ''}`);
  log(`  ABORTED ${part}: ${lines[0]}`);
  if (lines.length > 1) log(lines.slice(-25).map((l) => `      | ${l.slice(0, 400)}`).join('\n'));
}

/** Windows in which processes the bench did not start used a noticeable share of the CPU. */
const contention = [];
function noteContention(label, cpu) {
  if (cpu && cpu.others > 15) contention.push(`${label} ${Math.round(cpu.others)} %`);
}

function describeRun(r, unit = 'deliveries/s') {
  const parts = [`${r.windowDeliveries.toLocaleString('en')} in ${r.windowSeconds.toFixed(1)} s`];
  const res = r.result || {};
  if (r.expected !== undefined) parts.push(`${r.expected.toLocaleString('en')} accepted in all`);
  if (res.refused) parts.push(`${res.refused} refused (last: ${res.lastRefusal})`);
  if (res.errors) parts.push(`${res.errors} errors (last: ${res.lastRefusal})`);
  if (res.failed) parts.push(`${res.failed} failed`);
  if (r.undelivered) parts.push(`${r.undelivered.toLocaleString('en')} STILL UNDELIVERED ${Math.round(DRAIN_MS / 1000)} s after the load stopped`);
  else if (r.expected !== undefined) parts.push(`drained ${r.drainSeconds.toFixed(1)} s after the load stopped`);
  if (r.duplicates > 0) parts.push(`${r.duplicates} duplicate requests`);
  return `${fmt(r.rate).padStart(7)} ${unit}  (${parts.join('; ')})`;
}

// ---- references -----------------------------------------------------------------------------------
let redisBinary;
async function referenceRound(round, receiver, sections) {
  log(`\nreferences, round ${round}:`);
  const out = {};
  const run = (name, key, script, config, pids) => saturationRun({
    name, receiver, key, script, config: { ...config, backlog: BACKLOG }, warmupMs: WARMUP_MS, seconds: SECONDS, drainMs: DRAIN_MS, hooks: { pids },
  });
  const guarded = async (part, fn) => {
    try {
      await fn();
    } catch (error) {
      failed(`${part} (round ${round})`, error);
    }
  };
  if (sections.includes('bare')) await guarded('bare loop', async () => {
    const r = await run('bare-loop', 'bare', 'bare-loop.js', { target: receiver.url('bare'), concurrency: 64 }, {});
    out.bare = r.rate;
    noteContention(`bare (round ${round})`, r.cpu);
    log(`  ${SECTION_TITLES.bare.padEnd(62)} ${fmt(r.rate).padStart(7)} requests/s  (CPU %: ${pct(r.cpu)})`);
  });
  if (sections.includes('ref')) await guarded('reference pipeline', async () => {
    const nats = await startNats(`ref${round}`);
    try {
      const dir = tempDir(`ref${round}`);
      const r = await run('reference-pipeline', 'ref', 'reference-pipeline.js', { natsUrl: nats.url, target: receiver.url('ref'), sqlitePath: path.join(dir, 'ref.sqlite'), concurrency: 64 }, { 'nats-server': nats.pid });
      out.ref = r.rate;
      noteContention(`reference (round ${round})`, r.cpu);
      log(`  ${SECTION_TITLES.ref.padEnd(62)} ${describeRun(r)}`);
      log(`  ${''.padEnd(62)} CPU %: ${pct(r.cpu)}; ${r.result.batches} SQLite commits for ${r.result.delivered.toLocaleString('en')} attempts`);
    } finally {
      await nats.stop();
    }
  });
  if (sections.includes('bullmq')) await guarded('BullMQ reference', async () => {
    if (redisBinary === undefined) redisBinary = ensureRedis(log) || null;
    if (!redisBinary) log(`  ${SECTION_TITLES.bullmq.padEnd(62)} skipped: no redis-server`);
    else {
      const redis = await startRedis(redisBinary);
      try {
        const r = await run('bullmq-reference', 'bullmq', 'bullmq-reference.js', { redisPort: redis.port, target: receiver.url('bullmq'), concurrency: 64 }, { 'redis-server': redis.pid });
        out.bullmq = r.rate;
        noteContention(`BullMQ (round ${round})`, r.cpu);
        log(`  ${SECTION_TITLES.bullmq.padEnd(62)} ${describeRun(r)}`);
        log(`  ${''.padEnd(62)} CPU %: ${pct(r.cpu)}`);
      } finally {
        await redis.stop();
      }
    }
  });
  return out;
}

// ---- the product ----------------------------------------------------------------------------------
async function api(base, method, p, body, headers) {
  const res = await fetch(`${base}${p}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers }, signal: AbortSignal.timeout(30000) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

async function setUpSubscriptions(platform, receiver, { apps = [], mailboxes = [] }) {
  for (const [appId, key] of apps) {
    await api(platform.base, 'PUT', `/application/${appId}/webhook`, { url: receiver.url(key), retry_enabled: 0 }, { authorization: platform.key });
  }
  const ids = {};
  for (const [key, count] of mailboxes) {
    const mailbox = crypto.randomUUID();
    for (let i = 0; i < count; i++) {
      await api(platform.base, 'POST', '/api/v1/envelope/callback/add', { filter: {}, url: receiver.url(key, `cb${i}`), retries: 0, timeout: 10000 }, { mailbox, authorization: `Bearer ${platform.key}` });
    }
    ids[key] = mailbox;
  }
  return ids;
}

async function withPlatform(label, env, fn) {
  const started = performance.now();
  const platform = await startPlatform({ root: ROOT, label, env });
  try {
    log(`  (platform up in ${((performance.now() - started) / 1000).toFixed(1)} s; pids ${Object.entries(platform.pids).map(([n, p]) => `${n}=${p}`).join(' ')})`);
    return await fn(platform);
  } finally {
    await platform.stop();
  }
}

function productLoad(platform, receiver, section, mailboxes, tenant) {
  const common = { base: platform.base, key: platform.key, backlog: BACKLOG };
  const config = {
    f1h: { ...common, mode: 'app-http', appId: 1, concurrency: CLIENTS },
    f1n: { ...common, mode: 'app-nats', natsUrl: platform.natsUrl, natsAuth: platform.natsAuth, tenantId: tenant, appId: 2, concurrency: CLIENTS },
    f10: { ...common, mode: 'envelope', mailbox: mailboxes.f10, perRequest: 1, concurrency: Math.max(1, Math.round(CLIENTS / 2)) },
    b100: { ...common, mode: 'envelope', mailbox: mailboxes.b100, perRequest: 100, concurrency: Math.max(1, Math.round(CLIENTS / 8)) },
  }[section];
  return saturationRun({
    name: `load-${section}`, receiver, key: section, script: 'load.js', config, warmupMs: WARMUP_MS, seconds: SECONDS, drainMs: DRAIN_MS,
    hooks: { pids: platform.pids, beforeWindow: () => scrapeLagP99(platform.metricsUrls), afterWindow: () => scrapeLagP99(platform.metricsUrls) },
  });
}

/** When deliveries went missing: how the product's own callback log sees its 1,000 newest deliveries. */
async function explainUndelivered(platform, r) {
  if (!r.undelivered) return;
  try {
    const page = await api(platform.base, 'GET', '/callback?limit=1000&sort=created_date&dir=desc', undefined, { authorization: platform.key });
    const counts = {};
    for (const c of page.data || page) {
      const k = `${c.state}/${c.close_reason || c.application_state}${c.state === 'CLOSED' ? '' : ` attempts=${c.attempts}`}`;
      counts[k] = (counts[k] || 0) + 1;
    }
    log(`  ${''.padEnd(6)}callback log, 1,000 newest deliveries: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  } catch (error) {
    log(`  ${''.padEnd(6)}(callback log unavailable: ${error.message.slice(0, 200)})`);
  }
}

async function productBlock(db, receiver, sections, withLog, withConsole) {
  let pg;
  try {
    pg = db === 'pg' ? await startPostgres() : undefined;
  } catch (error) {
    failed('PostgreSQL', error);
    return undefined;
  }
  const title = pg ? `PostgreSQL ${pg.settings.server_version} (fsync=${pg.settings.fsync}, synchronous_commit=${pg.settings.synchronous_commit}, max_connections=${pg.settings.max_connections}, shared_buffers=${pg.settings.shared_buffers}×8kB)` : 'SQLite (the default: WAL, SQLITE_SYNCHRONOUS=FULL)';
  log(`\nthe product on ${title}:`);
  const out = { rates: {}, lag: {}, cpu: {}, latency: undefined, memory: undefined };
  let current = 'start';
  try {
    await withPlatform(db, pg ? { DATABASE_URL: pg.url } : {}, async (platform) => {
      const tenant = await tenantId(platform, pg && pg.url);
      const mailboxes = await setUpSubscriptions(platform, receiver, {
        apps: [[1, 'f1h'], [2, 'f1n'], [3, 'lat']],
        mailboxes: [...(sections.includes('f10') ? [['f10', 10]] : []), ...(sections.includes('b100') ? [['b100', 1]] : [])],
      });
      for (const section of sections.filter((s) => s !== 'lat')) {
        current = SHORT[section];
        if (!platform.running) throw new Error(`the platform stopped:\n${platform.tail().slice(-9000)}`);
        const r = await productLoad(platform, receiver, section, mailboxes, tenant);
        if (!platform.running) throw new Error(`the platform stopped during ${SHORT[section]}:\n${platform.tail().slice(-9000)}`);
        out.rates[section] = r.rate;
        noteContention(`${SHORT[section]} (${db})`, r.cpu);
        out.lag[section] = r.metrics;
        out.cpu[section] = r.cpu;
        log(`  ${SECTION_TITLES[section].padEnd(72)} ${describeRun(r)}`);
        log(`  ${''.padEnd(6)}lag p99: ${lagLine(r.metrics)}`);
        log(`  ${''.padEnd(6)}CPU %: ${pct(r.cpu)}`);
        await explainUndelivered(platform, r);
      }
      if (sections.includes('lat')) {
        current = 'latency';
        if (!platform.running) throw new Error(`the platform stopped:\n${platform.tail().slice(-9000)}`);
        await scrapeLagP99(platform.metricsUrls); // resets the lag histograms
        const l = await latencyRun({ receiver, key: 'lat', base: platform.base, authorization: platform.key, appId: 3, rate: RATE, seconds: SECONDS, warmupSeconds: 1, drainMs: DRAIN_MS, connections: num('BENCH_LAT_CONNECTIONS', 64) });
        const lag = await scrapeLagP99(platform.metricsUrls);
        out.latency = l;
        log(`  latency, fan-out 1 HTTP at ${RATE.toLocaleString('en')} events/s offered (open loop, ${SECONDS} s after 1 s warm-up; sent ${fmt(l.achievedRate)}/s, 202s at ${fmt(l.acceptRate)}/s):`);
        log(`      accepted→received p50 ${fmtMs(l.fromAccept.p50)}, p99 ${fmtMs(l.fromAccept.p99)}, max ${fmtMs(l.fromAccept.max)}   |   sent→received p50 ${fmtMs(l.fromSend.p50)}, p99 ${fmtMs(l.fromSend.p99)}   |   202 after p50 ${fmtMs(l.accept.p50)}, p99 ${fmtMs(l.accept.p99)}`);
        const problems = [l.refused && `${l.refused} refused (last: ${l.lastRefusal})`, l.skipped && `${l.skipped} not sent (over ${RATE * 2} unanswered: overloaded)`, l.undelivered && `${l.undelivered} STILL UNDELIVERED ${Math.round(DRAIN_MS / 1000)} s after the load stopped`].filter(Boolean);
        log(`      ${l.accepted.toLocaleString('en')} of ${l.offered.toLocaleString('en')} accepted${problems.length ? `; ${problems.join('; ')}` : ''}; lag p99 during the run: ${lagLine(lag)}`);
        await explainUndelivered(platform, l);
      }
      current = 'end';
      out.memory = platform.memory();
      log(`  peak RSS (VmHWM): ${RSS_PROCESSES.map((n) => `${n} ${fmt(out.memory[n] ? out.memory[n].peakMb : NaN, 0)} MB`).join(', ')}`);
      if (withLog) {
        log(`  GET /callback over ${ROWS.toLocaleString('en')} stored callbacks (BENCH_LOG=1):`);
        await callbackLogSection({ platform, tenant, rows: ROWS, log });
      }
      if (withConsole) {
        current = 'console';
        log(`  the console's API over ${ROWS.toLocaleString('en')} stored deliveries (BENCH_CONSOLE=1):`);
        out.console = await consoleApiSection({ platform, tenant, rows: ROWS, log });
      }
    });
  } catch (error) {
    failed(`the product on ${db}, at ${current}`, error);
  } finally {
    if (pg) await pg.stop();
  }
  return out;
}

/** Whether the built product reads DELIVERY_HTTP_CLIENT (libs/config), and whether the build has it. */
function httpClientSupport() {
  const grep = (dir, ext) => {
    if (!fs.existsSync(dir)) return false;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && entry.name.endsWith(ext) && !entry.name.includes('.spec.')) {
        if (fs.readFileSync(path.join(entry.parentPath || entry.path, entry.name), 'utf8').includes('DELIVERY_HTTP_CLIENT')) return true;
      }
    }
    return false;
  };
  return { source: grep(path.join(ROOT, 'libs/config/src'), '.ts'), built: grep(path.join(ROOT, 'dist/out-tsc/libs/config'), '.js') };
}

async function httpClientBlock(receiver) {
  log('\nDELIVERY_HTTP_CLIENT (fan-out 10, once with each client, on SQLite):');
  const support = httpClientSupport();
  if (!support.source) {
    log('  skipped: the platform does not support DELIVERY_HTTP_CLIENT yet (not in libs/config)');
    return undefined;
  }
  if (!support.built) {
    log('  skipped: DELIVERY_HTTP_CLIENT is in libs/config but not in the build (dist/): run npm run build');
    return undefined;
  }
  const rates = {};
  for (const client of ['undici', 'axios']) {
    await withPlatform(`http-${client}`, { DELIVERY_HTTP_CLIENT: client }, async (platform) => {
      const mailboxes = await setUpSubscriptions(platform, receiver, { mailboxes: [['f10', 10]] });
      const r = await productLoad(platform, receiver, 'f10', mailboxes);
      if (!platform.running) throw new Error(`the platform stopped:\n${platform.tail().slice(-9000)}`);
      rates[client] = r.rate;
      noteContention(`DELIVERY_HTTP_CLIENT=${client}`, r.cpu);
      log(`  DELIVERY_HTTP_CLIENT=${client.padEnd(7)} ${describeRun(r)}`);
      log(`  ${''.padEnd(6)}lag p99: ${lagLine(r.metrics)}; CPU %: ${pct(r.cpu)}`);
      await explainUndelivered(platform, r);
    }).catch((error) => failed(`DELIVERY_HTTP_CLIENT=${client}`, error));
  }
  log(`  axios/undici: ${fmt(rates.axios / rates.undici)}`);
  return rates;
}

// ---- summary --------------------------------------------------------------------------------------
function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `  ${cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')}`;
  log(line(headers));
  log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) log(line(r));
}

function summary(results) {
  const refs = {};
  for (const name of REF_SECTIONS) {
    const values = results.refs.map((r) => r[name]).filter((v) => Number.isFinite(v));
    if (values.length) refs[name] = { mean: values.reduce((a, b) => a + b, 0) / values.length, min: Math.min(...values), max: Math.max(...values), n: values.length };
  }
  log('\n=== summary ===');
  if (Object.keys(refs).length) {
    log('references (mean of rounds; spread = (max − min) / mean, a measure of the machine\'s drift):');
    table(['reference', 'per s', 'rounds', 'spread'], Object.entries(refs).map(([name, r]) => [SECTION_TITLES[name], fmt(r.mean), r.n, r.n > 1 ? `${Math.round(((r.max - r.min) / r.mean) * 100)} %` : '—']));
  }
  const ratio = (value, ref) => (refs[ref] && Number.isFinite(value) ? `${fmt(value / refs[ref].mean, 3)}×` : 'n/a');
  const rows = [];
  for (const [db, block] of Object.entries(results.product)) {
    for (const [section, rate] of Object.entries(block.rates)) rows.push([`${SHORT[section]} (${db})`, fmt(rate), ratio(rate, 'bare'), ratio(rate, 'ref'), ratio(rate, 'bullmq')]);
  }
  if (results.httpClient) for (const [client, rate] of Object.entries(results.httpClient)) rows.push([`fan-out 10, DELIVERY_HTTP_CLIENT=${client}`, fmt(rate), ratio(rate, 'bare'), ratio(rate, 'ref'), ratio(rate, 'bullmq')]);
  if (rows.length) {
    log('\nproduct deliveries/s as a ratio to each reference:');
    table(['product figure', 'deliveries/s', '× bare', '× reference', '× BullMQ'], rows);
  }

  const targets = [];
  const check = (label, value, shown, ok) => targets.push([label, shown, value === undefined || Number.isNaN(value) ? 'not measured' : ok ? 'met' : 'MISSED']);
  const sqlite = results.product.sqlite;
  const vs = (db, section, ref) => (results.product[db] && refs[ref] ? results.product[db].rates[section] / refs[ref].mean : undefined);
  const showRatio = (v) => (v === undefined || Number.isNaN(v) ? 'n/a' : `${fmt(v, 2)}×`);
  let v = vs('sqlite', 'f1h', 'bullmq');
  check('fan-out 1 HTTP ≥ 1.0× BullMQ', v, showRatio(v), v >= 1.0);
  v = vs('sqlite', 'f1n', 'bullmq');
  check('fan-out 1 NATS ≥ 1.5× BullMQ', v, showRatio(v), v >= 1.5);
  v = vs('sqlite', 'f1n', 'ref');
  check('fan-out 1 NATS ≥ 0.5× reference', v, showRatio(v), v >= 0.5);
  v = vs('sqlite', 'f10', 'ref');
  check('fan-out 10 ≥ 0.6× reference', v, showRatio(v), v >= 0.6);
  for (const db of Object.keys(results.product)) {
    const block = results.product[db];
    const tag = db === 'sqlite' ? '' : ` (${db})`;
    const lat = block.latency;
    v = lat ? lat.fromAccept.p99 : undefined;
    // Met only if the rate was really sustained: every event sent, answered 202 at ≥ 95 % of the rate, delivered.
    const sustained = lat && !lat.skipped && !lat.refused && !lat.undelivered && lat.acceptRate >= 0.95 * RATE;
    const shown = !lat ? 'n/a' : sustained ? fmtMs(v) : `${fmtMs(v)}, but 202s at only ${fmt(lat.acceptRate)}/s${lat.skipped ? `, ${lat.skipped} not sent` : ''}${lat.undelivered ? `, ${lat.undelivered} undelivered` : ''}`;
    check(`p99 accepted→received ≤ 25 ms at ${RATE.toLocaleString('en')}/s${tag}`, v, shown, sustained && v <= 25);
    const lags = Object.values(block.lag).flatMap((l) => LAG_PROCESSES.map((n) => [n, l ? l[n] : NaN])).filter(([, x]) => Number.isFinite(x));
    const worstLag = lags.reduce((a, b) => (b[1] > a[1] ? b : a), ['', -Infinity]);
    check(`event-loop lag p99 ≤ 20 ms, every process, saturation runs${tag}`, lags.length ? worstLag[1] : undefined, lags.length ? `${fmtMs(worstLag[1])} (${worstLag[0]})` : 'n/a', worstLag[1] <= 20);
    const mems = block.memory ? RSS_PROCESSES.map((n) => [n, block.memory[n] ? block.memory[n].peakMb : NaN]).filter(([, x]) => Number.isFinite(x)) : [];
    const worstMem = mems.reduce((a, b) => (b[1] > a[1] ? b : a), ['', -Infinity]);
    check(`peak RSS ≤ 200 MB per process${tag}`, mems.length ? worstMem[1] : undefined, mems.length ? `${fmt(worstMem[1], 0)} MB (${worstMem[0]})` : 'n/a', worstMem[1] <= 200);
  }
  if (sqlite && results.product.pg) {
    for (const section of Object.keys(results.product.pg.rates)) {
      const value = results.product.pg.rates[section] / sqlite.rates[section];
      check(`PostgreSQL ≥ 0.8× SQLite: ${SHORT[section]}`, value, showRatio(value), value >= 0.8);
    }
  }
  const consoleApi = sqlite && sqlite.console;
  if (consoleApi) {
    const worst = (figures) => Object.entries(figures).reduce((a, b) => (b[1] > a[1] ? b : a), ['', -Infinity]);
    const [page, pageP99] = worst(consoleApi.pages);
    check(`console log page of 100, p99 < 300 ms, ${ROWS.toLocaleString('en')} deliveries (worst filter)`, pageP99, `${fmtMs(pageP99)} (${page})`, pageP99 < 300);
    const [stat, statP99] = worst(consoleApi.stats);
    check(`console stats, p99 < 100 ms, ${ROWS.toLocaleString('en')} deliveries`, statP99, `${fmtMs(statP99)} (${stat})`, statP99 < 100);
  }
  if (!sqlite) log('\n(targets are judged on the SQLite defaults, which did not run)');
  log('\ntargets:');
  table(['target', 'measured', 'status'], targets);
  if (Object.values(refs).some((r) => r.n > 1 && (r.max - r.min) / r.mean > 0.25)) log('  note: a reference moved more than 25 % between rounds: treat ratios near their target as inconclusive.');
  if (failures.length) log(`  ABORTED parts (not measured): ${failures.join('; ')}`);
  if (contention.length) log(`  note: processes the bench did not start took CPU during: ${contention.join(', ')} (of 200 %): those figures are disturbed.`);
}

// ---- main -----------------------------------------------------------------------------------------
function preflight() {
  const gateway = path.join(ROOT, 'dist/out-tsc/apps/gateway/src/main.js');
  if (!fs.existsSync(gateway)) throw new Error(`${gateway} is missing: run "npm run build" first`);
  const buildInfo = path.join(ROOT, 'dist/out-tsc/.tsbuildinfo');
  const built = fs.existsSync(buildInfo) ? fs.statSync(buildInfo).mtimeMs : 0;
  let newer = 0;
  for (const top of ['apps', 'libs']) {
    for (const entry of fs.readdirSync(path.join(ROOT, top), { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) && fs.statSync(path.join(entry.parentPath || entry.path, entry.name)).mtimeMs > built) newer++;
    }
  }
  let git = '(not a git checkout)';
  try {
    git = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dirty) git += ` + uncommitted changes in ${dirty.split('\n').length} file(s)`;
  } catch {
    /* not a git checkout */
  }
  return { newer, git };
}

async function main() {
  installExitHandlers();
  const begun = performance.now();
  const sel = selection();
  const { newer, git } = preflight();
  log(`Hookrelay bench — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores (${os.cpus()[0].model.trim()}), Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log(`code: ${ROOT} at ${git}${newer ? ` — WARNING: ${newer} source file(s) newer than the build (npm run build)` : ''}`);
  log(`window ${SECONDS} s after ${WARMUP_MS / 1000} s warm-up per run, backlog bound ${BACKLOG.toLocaleString('en')}, latency at ${RATE.toLocaleString('en')}/s; sections: ${[...sel.refs, ...sel.databases.map((d) => `${d}[${sel.product.join(',')}]`), sel.httpClient && 'httpclient', sel.log && 'log', sel.console && 'console'].filter(Boolean).join(' ')}`);

  const receiver = await startReceiver();
  log(`receiver: http://127.0.0.1:${receiver.port}/`);
  const results = { refs: [], product: {}, httpClient: undefined };
  try {
    if (sel.refs.length) results.refs.push(await referenceRound(1, receiver, sel.refs));
    for (const db of sel.databases) {
      const block = await productBlock(db, receiver, sel.product, sel.log && db === 'sqlite', sel.console && db === 'sqlite');
      if (block) results.product[db] = block;
    }
    if (sel.httpClient) results.httpClient = await httpClientBlock(receiver);
    for (let round = 2; round <= REF_ROUNDS && sel.refs.length; round++) results.refs.push(await referenceRound(round, receiver, sel.refs));
    summary(results);
  } finally {
    await stopAll();
    await receiver.close();
  }
  if (failures.length) process.exitCode = 1;
  log(`\nbench finished in ${((performance.now() - begun) / 1000 / 60).toFixed(1)} min; load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

main().then(
  () => process.exit(process.exitCode || 0),
  async (error) => {
    console.error(`\nbench failed: ${error && error.stack ? error.stack : error}`);
    await stopAll().catch(() => undefined);
    process.exit(1);
  },
);
