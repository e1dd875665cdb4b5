'use strict';
// The ceiling: a bare undici POST loop (keep-alive pool, `concurrency` lanes, 1 KB JSON) against the
// bench receiver, in its own process like every other load. Counted at the receiver.
const { Pool } = require('undici');
const { runChild, lanes } = require('./lib/child');

runChild(async (ctx) => {
  const { target, concurrency = 64 } = ctx.config;
  const url = new URL(target);
  const pool = new Pool(url.origin, { connections: concurrency });
  const body = JSON.stringify({ event_name: 'bench', event_type: 'bench', data: { payload: 'x'.repeat(900) } });
  let sent = 0;
  let failed = 0;
  await ctx.ready();
  await lanes(concurrency, ctx, async () => {
    try {
      const res = await pool.request({ path: url.pathname, method: 'POST', body, headersTimeout: 10000, bodyTimeout: 10000, headers: { 'content-type': 'application/json' } });
      await res.body.dump();
      if (res.statusCode === 200) sent++;
      else failed++;
    } catch {
      failed++;
    }
  });
  await pool.close();
  return { sent, failed };
});
