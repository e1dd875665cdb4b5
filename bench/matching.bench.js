#!/usr/bin/env node
// node bench/matching.bench.js — the cost of matching one envelope event against its mailbox's callbacks,
// with the in-memory index the callbacks service uses (EnvelopeFilterIndex from @hookrelay/filtering).
// Needs the compiled lib: run `npx tsc -p tsconfig.build.json` first.
// Setup: 100,000 callbacks over 1,000 mailboxes (100 each, a realistic mix of filters), one index per
// mailbox; then events for random mailboxes. Per event it times: cache lookup of the mailbox's index,
// prepareEnvelope, index.match. Prints p50/p99/max per event, and the same for a plain scan of the
// mailbox's 100 filters and for a scan of all 100,000 (what "no per-mailbox cache" would cost).
// Not included: the per-request version read (one primary-key row) and the database writes.
// Options (env): BENCH_EVENTS (200000), BENCH_MAILBOXES (1000), BENCH_CALLBACKS (100000), BENCH_SEED (7).
'use strict';
const path = require('node:path');

const lib = path.resolve(__dirname, '../dist/out-tsc/libs/filtering/src/index.js');
let filtering;
try {
  filtering = require(lib);
} catch (error) {
  console.error(`cannot load ${lib}: run "npx tsc -p tsconfig.build.json" first\n${error.message}`);
  process.exit(1);
}
const { compileEnvelopeFilter, prepareEnvelope, matchesEnvelopeFilter, EnvelopeFilterIndex } = filtering;

const EVENTS = Number(process.env.BENCH_EVENTS || 200_000);
const MAILBOXES = Number(process.env.BENCH_MAILBOXES || 1_000);
const CALLBACKS = Number(process.env.BENCH_CALLBACKS || 100_000);
let seed = Number(process.env.BENCH_SEED || 7);

// A small deterministic PRNG, so runs compare.
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (values) => values[Math.floor(random() * values.length)];
const some = (values, max) => Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(values));
const uuid = () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(random() * 16).toString(16));

const STATUSES = ['WAITING', 'COMPLETED', 'CANCELLED', 'EXPIRED'];
const SCOPES = ['inbox', 'outbox'];
const TEMPLATES = Array.from({ length: 200 }, uuid);
const SENDERS = Array.from({ length: 500 }, uuid);
const LABELS = Array.from({ length: 50 }, (_, i) => `label-${i}`);
const WORDS = ['договір', 'рахунок', 'акт', 'contract', 'invoice', 'nda', 'order', 'оренди'];
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 1);

/** A mix like real tenants': mostly status filters, some by template/sender, a few by label/subject/dates, some catch-all. */
function randomFilter() {
  const r = random();
  if (r < 0.3) return { status: some(STATUSES, 2) };
  if (r < 0.45) return { template: some(TEMPLATES, 2), status: some(STATUSES, 2) };
  if (r < 0.6) return { sender: some(SENDERS, 3) };
  if (r < 0.7) return { scope: [pick(SCOPES).toUpperCase()], status: ['completed'] };
  if (r < 0.8) return { label: some(LABELS, 3) };
  if (r < 0.9) return { subject: pick(WORDS), receiveDateFrom: new Date(NOW - 30 * DAY).toISOString(), expireDateTo: new Date(NOW + 60 * DAY).toISOString() };
  return {};
}

function randomEnvelope() {
  return {
    label: random() < 0.5 ? [] : some(LABELS, 2),
    status: pick(STATUSES),
    subject: `${pick(WORDS)} №${Math.floor(random() * 1000)} ${pick(WORDS)}`,
    receiveDate: NOW - Math.floor(random() * 60 * DAY),
    expireDate: random() < 0.2 ? null : NOW + Math.floor(random() * 90 * DAY),
    template: pick(TEMPLATES),
    sender: pick(SENDERS),
    scope: pick(SCOPES),
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const us = (ns) => `${(Number(ns) / 1000).toFixed(2)} µs`;

function timePerEvent(events, run) {
  const times = new Float64Array(events.length);
  let matched = 0;
  for (let i = 0; i < events.length; i++) {
    const started = process.hrtime.bigint();
    matched += run(events[i]);
    times[i] = Number(process.hrtime.bigint() - started);
  }
  times.sort();
  const total = times.reduce((a, b) => a + b, 0);
  return { p50: percentile(times, 50), p90: percentile(times, 90), p99: percentile(times, 99), max: times[times.length - 1], mean: total / times.length, matched: matched / events.length };
}

function report(label, stats) {
  console.log(`  ${label.padEnd(44)} p50 ${us(stats.p50).padStart(10)}  p90 ${us(stats.p90).padStart(10)}  p99 ${us(stats.p99).padStart(10)}  max ${us(stats.max).padStart(11)}  mean ${us(stats.mean).padStart(9)}  (${stats.matched.toFixed(2)} matches/event)`);
}

function main() {
  console.log(`envelope matching — ${CALLBACKS.toLocaleString('en')} callbacks over ${MAILBOXES.toLocaleString('en')} mailboxes, ${EVENTS.toLocaleString('en')} events, Node ${process.version}\n`);
  const mailboxes = Array.from({ length: MAILBOXES }, uuid);
  const tenant = uuid();
  const specs = new Map(mailboxes.map((m) => [m, []]));
  for (let i = 0; i < CALLBACKS; i++) specs.get(mailboxes[i % MAILBOXES]).push({ target: `cb-${i}`, spec: randomFilter() });

  const built = process.hrtime.bigint();
  // The service's cache: (tenant, mailbox) → index of that mailbox's compiled filters.
  const cache = new Map();
  const compiled = new Map();
  for (const [mailbox, list] of specs) {
    const filters = list.map(({ target, spec }) => ({ target, filter: compileEnvelopeFilter(spec) }));
    compiled.set(mailbox, filters);
    cache.set(`${tenant}/${mailbox}`, new EnvelopeFilterIndex(filters));
  }
  const buildMs = Number(process.hrtime.bigint() - built) / 1e6;
  console.log(`compile + index all callbacks: ${buildMs.toFixed(0)} ms (${((buildMs * 1000) / MAILBOXES).toFixed(0)} µs per mailbox of ${CALLBACKS / MAILBOXES})\n`);

  const events = Array.from({ length: EVENTS }, () => ({ mailbox: pick(mailboxes), envelope: randomEnvelope() }));
  const indexed = ({ mailbox, envelope }) => cache.get(`${tenant}/${mailbox}`).match(prepareEnvelope(envelope)).length;
  const scanMailbox = ({ mailbox, envelope }) => {
    const prepared = prepareEnvelope(envelope);
    const targets = [];
    for (const { target, filter } of compiled.get(mailbox)) if (matchesEnvelopeFilter(filter, prepared)) targets.push(target);
    return targets.length;
  };
  const everyFilter = [...compiled.entries()].flatMap(([mailbox, filters]) => filters.map((f) => ({ mailbox, filter: f.filter })));
  const scanAll = ({ mailbox, envelope }) => {
    const prepared = prepareEnvelope(envelope);
    let n = 0;
    for (const f of everyFilter) if (f.mailbox === mailbox && matchesEnvelopeFilter(f.filter, prepared)) n++;
    return n;
  };

  // Warm up the JIT on every path before measuring.
  timePerEvent(events.slice(0, 20_000), indexed);
  timePerEvent(events.slice(0, 20_000), scanMailbox);
  timePerEvent(events.slice(0, 200), scanAll);

  console.log('per event (mailbox lookup + prepareEnvelope + match):');
  // Each path is measured twice, interleaved, and the second run reported: the first absorbs GC and JIT noise.
  timePerEvent(events, indexed);
  timePerEvent(events, scanMailbox);
  const result = timePerEvent(events, indexed);
  report('index per mailbox (what the service runs)', result);
  report(`scan of the mailbox's ${CALLBACKS / MAILBOXES} filters`, timePerEvent(events, scanMailbox));
  report('scan of all callbacks (no per-mailbox cache)', timePerEvent(events.slice(0, 2_000), scanAll));

  // Where the index earns its keep: one big mailbox whose callbacks mostly watch one template or sender.
  const big = Array.from({ length: 10_000 }, (_, i) => ({
    target: `big-${i}`,
    filter: compileEnvelopeFilter(random() < 0.8 ? (random() < 0.5 ? { template: [pick(TEMPLATES)] } : { sender: [pick(SENDERS)], status: some(STATUSES, 2) }) : randomFilter()),
  }));
  const bigIndex = new EnvelopeFilterIndex(big);
  const bigEvents = events.slice(0, 20_000);
  const bigIndexed = ({ envelope }) => bigIndex.match(prepareEnvelope(envelope)).length;
  const bigScan = ({ envelope }) => {
    const prepared = prepareEnvelope(envelope);
    const targets = [];
    for (const { target, filter } of big) if (matchesEnvelopeFilter(filter, prepared)) targets.push(target);
    return targets.length;
  };
  timePerEvent(bigEvents, bigIndexed);
  timePerEvent(bigEvents, bigScan);
  console.log('\none mailbox with 10,000 callbacks, 80 % of them watching one template or sender:');
  report('index', timePerEvent(bigEvents, bigIndexed));
  report('scan', timePerEvent(bigEvents, bigScan));

  const target = 1_000_000; // 1 ms in ns
  console.log(`\ntarget p99 ≤ 1 ms per event: ${result.p99 <= target ? 'met' : 'NOT met'} (p99 ${us(result.p99)})`);
  console.log(`throughput of the indexed path on one core: ${Math.round(1e9 / result.mean).toLocaleString('en')} events/s`);
}

main();
