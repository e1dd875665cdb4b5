#!/usr/bin/env node
// node bench/http-clients.bench.js (after `npm run build`) — attempts/s of the two delivery attempters
// against one local keep-alive receiver, in the same run: DeliveryHttpClient (undici directly) and
// AxiosHttpAttempter (@nestjs/axios HttpService → axios → undiciAxiosAdapter → the same guarded undici
// Agent). A bare undici Agent loop is printed as the ceiling. The receiver runs in a child process, so
// this process's CPU goes to the client side only; each client gets a 1 s warm-up, then runs for
// BENCH_SECONDS with BENCH_CONCURRENCY attempts in flight; BENCH_ROUNDS > 1 alternates the clients and
// sums the rounds. Prints attempts/s, CPU µs per attempt (user+system of this process), and the ratio.
// Options (env): BENCH_SECONDS (5), BENCH_CONCURRENCY (64), BENCH_ROUNDS (1).
'use strict';
const { spawn } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { Agent } = require('undici');

const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 64);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 1);
const lib = path.resolve(__dirname, '../dist/out-tsc/libs/delivery/src/lib');

function load(file) {
  try {
    return require(path.join(lib, file));
  } catch (error) {
    console.error(`cannot load ${path.join(lib, file)}: run "npm run build" first\n${error.message}`);
    process.exit(1);
  }
}
const { DeliveryHttpClient } = load('http/delivery-http.client.js');
const { AxiosHttpAttempter } = load('http-axios/axios-http.attempter.js');

/** The receiver: a keep-alive HTTP server in a child process that answers every POST 200 "ok". */
function startReceiver() {
  const child = spawn(process.execPath, ['-e', `
      const http = require('node:http');
      const server = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => { res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }); res.end('ok'); });
      });
      server.keepAliveTimeout = 30_000;
      server.listen(0, '127.0.0.1', () => process.send(server.address().port));
    `], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (port) => resolve({ port, stop: () => child.kill() }));
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
}

/** Runs `attempt` CONCURRENCY-wide for `seconds`; returns completed attempts, failures and CPU time. */
async function loop(attempt, seconds) {
  let done = 0;
  let failed = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end) {
      if (await attempt()) done++;
      else failed++;
    }
  }));
  const used = process.cpuUsage(cpu);
  return { done, failed, ms: performance.now() - started, cpuUs: used.user + used.system };
}

async function main() {
  console.log(`delivery HTTP attempters — ${os.cpus().length} cores, Node ${process.version}, ${CONCURRENCY} concurrent, ${SECONDS} s × ${ROUNDS} round(s) each\n`);
  const receiver = await startReceiver();
  const url = `http://127.0.0.1:${receiver.port}/hook`;
  const body = JSON.stringify({ type: 'envelope.completed', data: 'x'.repeat(900) });
  const headers = { 'content-type': 'application/json', 'webhook-id': 'msg_bench', 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,abc=' };
  const options = { allowCidrs: ['127.0.0.0/8'], connectionsPerOrigin: CONCURRENCY };
  const bare = new Agent({ connections: CONCURRENCY });
  const clients = [
    ['bare undici Agent.request (ceiling)', async () => {
      const res = await bare.request({ origin: url.slice(0, url.lastIndexOf('/')), path: '/hook', method: 'POST', headers, body });
      await res.body.dump();
      return res.statusCode === 200;
    }, bare],
    ['DeliveryHttpClient', new DeliveryHttpClient(options)],
    ['AxiosHttpAttempter', new AxiosHttpAttempter(options)],
  ].map(([label, client, closer]) => ({
    label,
    attempt: typeof client === 'function' ? client : async () => (await client.attempt({ url, headers, body, timeoutMs: 10_000 })).result.status === 200,
    close: () => (closer ?? client).close(),
    total: { done: 0, failed: 0, ms: 0, cpuUs: 0 },
  }));
  try {
    for (const client of clients) await loop(client.attempt, 1);
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? clients : [...clients].reverse();
      for (const client of order) {
        const run = await loop(client.attempt, SECONDS);
        for (const key of Object.keys(run)) client.total[key] += run[key];
      }
    }
    const rates = {};
    for (const { label, total } of clients) {
      rates[label] = total.done / (total.ms / 1000);
      const failed = total.failed === 0 ? '' : `, ${total.failed} FAILED`;
      console.log(`${label.padEnd(38)} ${Math.round(rates[label]).toLocaleString('en').padStart(7)} attempts/s   ${(total.cpuUs / total.done).toFixed(1).padStart(6)} µs CPU/attempt${failed}`);
    }
    const ratio = rates.AxiosHttpAttempter / rates.DeliveryHttpClient;
    console.log(`\nAxiosHttpAttempter / DeliveryHttpClient = ${ratio.toFixed(3)} (${((1 - ratio) * 100).toFixed(1)}% fewer attempts/s through axios)`);
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    receiver.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
