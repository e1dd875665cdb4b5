'use strict';
// The two measurements every figure comes from:
//   saturationRun: a load child (or a reference pipeline) runs closed-loop with a bounded backlog; after a
//     warm-up the receiver's unique deliveries are counted over a steady window of BENCH_SECONDS →
//     deliveries/s. Then the load stops and the backlog must drain (bounded wait) before the next run.
//   latencyRun: open-loop pacing at a fixed rate from the bench process; per event, send time, 202 time and
//     receiver arrival time.
const path = require('node:path');
const { Pool } = require('undici');
const { forkChild, percentile, sleep, cpuSecondsOf, treeCpuSeconds, treeCpuDelta, machineCpuSeconds } = require('./util');

/**
 * @param opts.key receiver section counted
 * @param opts.script child script (bench/*.js) and opts.config its config
 * @param opts.hooks optional {pids: {name: pid}, beforeWindow(), afterWindow()} for CPU and metrics readings
 */
async function saturationRun({ name, receiver, key, script, config, warmupMs, seconds, drainMs, hooks = {} }) {
  receiver.reset(key);
  const child = forkChild(name, path.join(__dirname, '..', script), { ...config, maxSeconds: (warmupMs / 1000) + seconds + 30 });
  let feed;
  try {
    await child.next('ready', 60_000);
    feed = setInterval(() => child.send({ type: 'received', n: receiver.count(key) }), 20);
    child.send({ type: 'start' });
    await sleep(warmupMs);
    const pids = { ...(hooks.pids || {}), load: child.pid, bench: process.pid };
    const before = hooks.beforeWindow ? await hooks.beforeWindow() : undefined;
    const cpu0 = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, cpuSecondsOf(pid)]));
    const ours0 = treeCpuSeconds(process.pid);
    const machine0 = machineCpuSeconds();
    const c0 = receiver.count(key);
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const c1 = receiver.count(key);
    const t1 = performance.now();
    const windowSeconds = (t1 - t0) / 1000;
    const cpu = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, ((cpuSecondsOf(pid) - cpu0[n]) / windowSeconds) * 100]));
    // CPU the machine spent on processes the bench did not start (other people's work on a shared box).
    const machine1 = machineCpuSeconds();
    const ours = treeCpuDelta(ours0, treeCpuSeconds(process.pid));
    cpu.others = Math.max(0, ((machine1.busy - machine0.busy - ours) / windowSeconds) * 100);
    if (machine1.steal - machine0.steal > 0.05 * windowSeconds) cpu.stolen = ((machine1.steal - machine0.steal) / windowSeconds) * 100;
    const after = hooks.afterWindow ? await hooks.afterWindow(before) : undefined;
    const stoppedAt = performance.now();
    const result = await child.stop(90_000);
    clearInterval(feed);
    feed = undefined;
    const expected = result.accepted ?? result.published ?? result.added;
    const deadline = Date.now() + drainMs;
    while (expected !== undefined && receiver.count(key) < expected && Date.now() < deadline) await sleep(50);
    const undelivered = expected === undefined ? 0 : Math.max(0, expected - receiver.count(key));
    return {
      rate: (c1 - c0) / windowSeconds, windowDeliveries: c1 - c0, windowSeconds, result, expected, undelivered,
      drainSeconds: (performance.now() - stoppedAt) / 1000, cpu, metrics: after, duplicates: receiver.requests(key) - receiver.count(key),
    };
  } finally {
    if (feed) clearInterval(feed);
    await child.kill();
    receiver.reset(key);
  }
}

/**
 * Open loop: event i is sent at start + i/rate whatever the answers (at most `maxInFlight` unanswered;
 * beyond that sends are skipped and counted). The first `warmupSeconds` of events are not in the stats.
 */
async function latencyRun({ receiver, key, base, authorization, appId, rate, seconds, warmupSeconds, drainMs, connections = 64 }) {
  receiver.reset(key);
  const arrivals = receiver.trackArrivals(key);
  // When the product answers slower than the rate, requests queue here for a connection: that wait is in
  // sent→received (and in "202 after"), not in accepted→received.
  const pool = new Pool(base, { connections });
  const body = JSON.stringify({ event_name: 'bench', event_type: 'bench', data: { payload: 'x'.repeat(900) } });
  const events = []; // { sent, accepted, id, counted }
  const maxInFlight = rate * 2; // beyond 2 s of unanswered requests the product is overloaded: skip, count
  let inFlight = 0;
  let skipped = 0;
  let refused = 0;
  let lastRefusal = '';
  const total = Math.round(rate * (seconds + warmupSeconds));
  const start = performance.now();
  const pending = new Set();
  let next = 0;
  while (next < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    for (; next < due; next++) {
      if (inFlight >= maxInFlight) {
        skipped++;
        continue;
      }
      const event = { sent: performance.now(), counted: next >= rate * warmupSeconds };
      inFlight++;
      const p = pool.request({ path: `/application/${appId}/events`, method: 'POST', body, headersTimeout: 30000, bodyTimeout: 30000, headers: { 'content-type': 'application/json', authorization } })
        .then(async (res) => {
          const text = await res.body.text();
          event.accepted = performance.now();
          if (res.statusCode === 202) {
            event.id = JSON.parse(text).data.id;
            events.push(event);
          } else {
            refused++;
            lastRefusal = `${res.statusCode} ${text.slice(0, 200)}`;
          }
        })
        .catch((error) => {
          refused++;
          lastRefusal = error.message;
        })
        .finally(() => {
          inFlight--;
          pending.delete(p);
        });
      pending.add(p);
    }
    await sleep(1);
  }
  const sendEnd = performance.now();
  const sendSeconds = (sendEnd - start) / 1000;
  // Unanswered requests get at most drainMs more; then the pool is destroyed (they count as refused).
  const answered = await Promise.race([Promise.all(pending).then(() => true), new Promise((r) => setTimeout(r, drainMs, false))]);
  if (answered) await pool.close();
  else await pool.destroy();
  const deadline = Date.now() + drainMs;
  while (events.some((e) => !arrivals.has(e.id)) && Date.now() < deadline) await sleep(50);
  const counted = events.filter((e) => e.counted);
  const fromAccept = counted.map((e) => (arrivals.has(e.id) ? arrivals.get(e.id) - e.accepted : Infinity)).sort((a, b) => a - b);
  const fromSend = counted.map((e) => (arrivals.has(e.id) ? arrivals.get(e.id) - e.sent : Infinity)).sort((a, b) => a - b);
  const acceptMs = counted.map((e) => e.accepted - e.sent).sort((a, b) => a - b);
  const undelivered = events.filter((e) => !arrivals.has(e.id)).length;
  receiver.reset(key);
  return {
    offered: total, accepted: events.length, counted: counted.length, skipped, refused, lastRefusal, undelivered,
    achievedRate: (total - skipped) / sendSeconds,
    // 202s per second while sending, after the warm-up: the ingest rate the product sustained.
    acceptRate: events.filter((e) => e.accepted >= start + warmupSeconds * 1000 && e.accepted <= sendEnd).length / (sendSeconds - warmupSeconds),
    accept: { p50: percentile(acceptMs, 50), p99: percentile(acceptMs, 99) },
    fromAccept: { p50: percentile(fromAccept, 50), p99: percentile(fromAccept, 99), max: fromAccept.at(-1) },
    fromSend: { p50: percentile(fromSend, 50), p99: percentile(fromSend, 99), max: fromSend.at(-1) },
  };
}

module.exports = { saturationRun, latencyRun };
