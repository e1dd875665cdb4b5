'use strict';
// Minimal durable reference pipeline — the floor the product's delivery path should clear:
//   producer: events published to a JetStream stream (file storage; the publish ack is the "202"),
//   worker:   a pull consumer; each event POSTed with undici (keep-alive pool, Standard Webhooks
//             headers, HMAC signed), attempt rows group-committed into SQLite (better-sqlite3, WAL,
//             synchronous=FULL, one transaction per batch), then the batch's messages acked.
// Producer and worker share one process; the producer keeps at most `backlog` events outstanding so
// the worker is always saturated without an unbounded queue. Run by bench/run.js (lib/child.js protocol).
const crypto = require('node:crypto');
const Database = require('better-sqlite3');
const { AckPolicy, JSONCodec, RetentionPolicy, StorageType, connect } = require('nats');
const { Pool } = require('undici');
const { runChild, lanes, sleep } = require('./lib/child');

runChild(async (ctx) => {
  const { natsUrl, target, sqlitePath, concurrency = 64, backlog = 2000 } = ctx.config;
  const url = new URL(target);
  const codec = JSONCodec();
  const nc = await connect({ servers: natsUrl, name: 'reference-pipeline' });
  const jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name: 'REF_EVENTS', subjects: ['ref.events'], storage: StorageType.File, retention: RetentionPolicy.Workqueue });
  await jsm.consumers.add('REF_EVENTS', { durable_name: 'ref-worker', ack_policy: AckPolicy.Explicit, max_ack_pending: 4096, ack_wait: 30e9 });
  const js = nc.jetstream();

  const db = new Database(sqlitePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS attempts (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, status INTEGER NOT NULL, ms REAL NOT NULL, at INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO attempts (event_id, status, ms, at) VALUES (?, ?, ?, ?)');
  const commit = db.transaction((rows) => {
    for (const r of rows) insert.run(r.id, r.status, r.ms, r.at);
  });

  const pool = new Pool(url.origin, { connections: concurrency });
  const secret = crypto.randomBytes(24);
  let published = 0;
  let delivered = 0;
  let failed = 0;
  let batches = 0;

  // Group commit: rows finished while the previous commit ran are committed together, then acked.
  let pending = [];
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    const batch = pending;
    pending = [];
    commit(batch);
    batches++;
    for (const r of batch) {
      if (r.status >= 200 && r.status < 300) {
        r.msg.ack();
        delivered++;
      } else {
        r.msg.nak(1000);
        failed++;
      }
    }
  };
  const record = (row) => {
    pending.push(row);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  };

  const deliver = async (msg) => {
    const event = msg.json();
    const body = JSON.stringify(event.payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = crypto.createHmac('sha256', secret).update(`${event.id}.${timestamp}.${body}`).digest('base64');
    const started = performance.now();
    let status = 0;
    try {
      const res = await pool.request({
        path: url.pathname, method: 'POST', body, headersTimeout: 10000, bodyTimeout: 10000,
        headers: { 'content-type': 'application/json', 'webhook-id': event.id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` },
      });
      await res.body.dump();
      status = res.statusCode;
    } catch {
      status = 0;
    }
    record({ id: event.id, status, ms: performance.now() - started, at: Date.now(), msg });
  };

  // Worker: at most `concurrency` POSTs in flight.
  const consumer = await js.consumers.get('REF_EVENTS', 'ref-worker');
  const messages = await consumer.consume({ max_messages: concurrency * 2 });
  let inFlight = 0;
  let slotFreed = null;
  const worker = (async () => {
    for await (const msg of messages) {
      while (inFlight >= concurrency) await new Promise((resolve) => (slotFreed = resolve));
      inFlight++;
      deliver(msg).finally(() => {
        inFlight--;
        const wake = slotFreed;
        slotFreed = null;
        if (wake) wake();
      });
    }
  })();

  // Producer: durable publishes (awaiting JetStream's ack), backlog bounded.
  const payload = { event_name: 'bench', event_type: 'bench', data: { payload: 'x'.repeat(900) } };
  await ctx.ready();
  await lanes(64, ctx, async () => {
    if (published - delivered - failed >= backlog) return sleep(2);
    const id = crypto.randomUUID();
    published++;
    try {
      await js.publish('ref.events', codec.encode({ id, payload }), { msgID: id });
    } catch {
      published--;
    }
  });

  const deadline = Date.now() + 60_000;
  while (delivered < published && Date.now() < deadline) await sleep(20);
  messages.stop();
  await worker.catch(() => undefined);
  await pool.close();
  await nc.drain();
  db.close();
  return { published, delivered, failed, batches };
});
