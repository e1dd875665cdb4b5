'use strict';
// Load generator for the product (its own process, so it does not share the receiver's event loop).
// Closed loop: `concurrency` lanes each send one request at a time, as fast as the product answers,
// pausing while more than `backlog` accepted deliveries have not reached the receiver yet (the parent
// reports the receiver's count), so the product stays saturated without an unbounded queue.
// Modes:
//   app-http  POST /application/{appId}/events (one event, fan-out 1)
//   app-nats  Nest-style NATS request on webhooks.application-event.publish.v1 ({pattern, data, id})
//   envelope  POST /api/v1/envelope/events with `perRequest` envelopes (object when 1, array otherwise)
const crypto = require('node:crypto');
const { Pool } = require('undici');
const { runChild, lanes, sleep } = require('./lib/child');

const APP_EVENT_SUBJECT = 'webhooks.application-event.publish.v1';

runChild(async (ctx) => {
  const { concurrency = 32, backlog = 2000 } = ctx.config;
  const stats = { requests: 0, accepted: 0, refused: 0, errors: 0, statuses: {}, lastRefusal: '' };
  const send = await sender(ctx.config, stats);
  await ctx.ready();
  await lanes(concurrency, ctx, async () => {
    if (stats.accepted - ctx.received >= backlog) return sleep(2);
    stats.requests++;
    try {
      const deliveries = await send();
      stats.accepted += deliveries;
    } catch (error) {
      stats.errors++;
      stats.lastRefusal = String(error.message).slice(0, 300);
    }
  });
  await send.close();
  return stats;
});

function refused(stats, status, text) {
  stats.refused++;
  stats.statuses[status] = (stats.statuses[status] || 0) + 1;
  stats.lastRefusal = `${status} ${text.slice(0, 300)}`;
  return 0;
}

async function sender(config, stats) {
  const data = { payload: 'x'.repeat(900) };
  if (config.mode === 'app-nats') {
    const { connect, JSONCodec } = require('nats');
    const codec = JSONCodec();
    const nc = await connect({ servers: config.natsUrl, name: 'bench-load', ...(config.natsAuth || {}) });
    const send = async () => {
      const command = { tenantId: config.tenantId, applicationId: config.appId, body: { event_name: 'bench', event_type: 'bench', data } };
      const reply = await nc.request(APP_EVENT_SUBJECT, codec.encode({ pattern: APP_EVENT_SUBJECT, data: command, id: crypto.randomUUID() }), { timeout: 15000 });
      const decoded = codec.decode(reply.data);
      if (decoded.err !== undefined && decoded.err !== null) return refused(stats, 'err', JSON.stringify(decoded.err));
      return decoded.response && decoded.response.id ? 1 : refused(stats, 'no-id', JSON.stringify(decoded));
    };
    send.close = () => nc.drain();
    return send;
  }

  const pool = new Pool(config.base, { connections: config.concurrency });
  const post = async (path, body, headers) => {
    const res = await pool.request({ path, method: 'POST', body: JSON.stringify(body), headersTimeout: 30000, bodyTimeout: 30000, headers: { 'content-type': 'application/json', ...headers } });
    const text = await res.body.text();
    return { status: res.statusCode, text };
  };
  let send;
  if (config.mode === 'app-http') {
    send = async () => {
      const res = await post(`/application/${config.appId}/events`, { event_name: 'bench', event_type: 'bench', data }, { authorization: config.key });
      return res.status === 202 ? 1 : refused(stats, res.status, res.text);
    };
  } else if (config.mode === 'envelope') {
    const perRequest = config.perRequest || 1;
    send = async () => {
      const now = Date.now();
      const events = Array.from({ length: perRequest }, () => ({
        uuid: crypto.randomUUID(), label: [], status: 'COMPLETED', subject: 'bench', receiveDate: now, expireDate: now + 864e5,
        template: crypto.randomUUID(), sender: crypto.randomUUID(), scope: 'inbox',
      }));
      const res = await post('/api/v1/envelope/events', perRequest === 1 ? events[0] : events, { authorization: `Bearer ${config.key}`, mailbox: config.mailbox });
      return res.status === 202 ? JSON.parse(res.text).deliveries : refused(stats, res.status, res.text);
    };
  } else {
    throw new Error(`unknown mode ${config.mode}`);
  }
  send.close = () => pool.close();
  return send;
}
