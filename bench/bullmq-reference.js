'use strict';
// What a Node team writes in a day: a BullMQ Queue, a Worker (concurrency 64) POSTing each job with
// axios over a keep-alive agent (Standard Webhooks headers, HMAC signed), jobs added with addBulk.
// Redis: the bench's own redis-server (AOF, appendfsync everysec). Producer and worker share one
// process; the producer keeps at most `backlog` jobs outstanding. Run by bench/run.js (lib/child.js).
const crypto = require('node:crypto');
const http = require('node:http');
const axios = require('axios');
const { Queue, Worker } = require('bullmq');
const { runChild, sleep } = require('./lib/child');

runChild(async (ctx) => {
  const { redisPort, target, concurrency = 64, backlog = 2000, chunk = 200 } = ctx.config;
  const connection = { host: '127.0.0.1', port: redisPort, maxRetriesPerRequest: null };
  const client = axios.create({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: concurrency }), timeout: 10000, validateStatus: () => true });
  const secret = crypto.randomBytes(24);
  let added = 0;
  let delivered = 0;
  let failed = 0;

  const queue = new Queue('webhooks', { connection, defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 1000 } });
  const worker = new Worker('webhooks', async (job) => {
    const body = JSON.stringify(job.data.payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = crypto.createHmac('sha256', secret).update(`${job.data.id}.${timestamp}.${body}`).digest('base64');
    const res = await client.post(target, body, {
      headers: { 'content-type': 'application/json', 'webhook-id': job.data.id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` },
    });
    if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
    return res.status;
  }, { connection, concurrency });
  worker.on('completed', () => delivered++);
  worker.on('failed', () => failed++);
  await queue.waitUntilReady();
  await worker.waitUntilReady();

  const payload = { event_name: 'bench', event_type: 'bench', data: { payload: 'x'.repeat(900) } };
  await ctx.ready();
  // Two producers adding chunks with addBulk while the backlog is under its bound.
  await Promise.all([0, 1].map(async () => {
    while (!ctx.stopping) {
      if (added - delivered >= backlog) {
        await sleep(2);
        continue;
      }
      const jobs = Array.from({ length: chunk }, () => {
        const id = crypto.randomUUID();
        return { name: 'deliver', data: { id, payload } };
      });
      added += chunk;
      await queue.addBulk(jobs);
    }
  }));

  const deadline = Date.now() + 60_000;
  while (delivered < added && Date.now() < deadline) await sleep(20);
  await worker.close();
  await queue.close();
  return { added, delivered, failed };
});
