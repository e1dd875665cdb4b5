'use strict';
// The child side of the bench's IPC protocol (parent side: forkChild in lib/util.js):
//   parent → child: {type:'start'}, {type:'received', n} (deliveries seen at the receiver), {type:'stop'}
//   child → parent: {type:'ready'} after setup, {type:'done', ...result} after stop, {type:'error', message}
// A child also stops by itself after config.maxSeconds (and exits 90 s later whatever it is doing), and
// exits when the parent goes away.

function runChild(main) {
  const config = JSON.parse(process.env.BENCH_CHILD_CONFIG || '{}');
  let received = 0;
  let stopping = false;
  let resolveStart;
  let resolveStop;
  const started = new Promise((resolve) => (resolveStart = resolve));
  const stopped = new Promise((resolve) => (resolveStop = resolve));
  const stop = () => {
    stopping = true;
    resolveStop();
  };
  process.on('message', (m) => {
    if (m.type === 'start') resolveStart();
    else if (m.type === 'received') received = m.n;
    else if (m.type === 'stop') stop();
  });
  process.on('disconnect', () => process.exit(0));
  const maxSeconds = config.maxSeconds ?? 120;
  setTimeout(stop, maxSeconds * 1000).unref();
  // Whatever happens (a hung request, a server gone), the child is gone 90 s after its own limit.
  setTimeout(() => process.exit(2), (maxSeconds + 90) * 1000).unref();
  const ctx = {
    config,
    /** Setup done: tell the parent, wait for its start signal. */
    async ready(info = {}) {
      process.send({ type: 'ready', ...info });
      await started;
    },
    stopped,
    get stopping() {
      return stopping;
    },
    get received() {
      return received;
    },
  };
  main(ctx).then(
    (result) => {
      process.send({ type: 'done', ...result }, () => process.exit(0));
    },
    (error) => {
      process.send({ type: 'error', message: error && error.stack ? error.stack : String(error) }, () => process.exit(1));
    },
  );
}

/** Runs `worker` on `concurrency` lanes until stopped; each lane awaits its own calls (closed loop). */
async function lanes(concurrency, ctx, worker) {
  await Promise.all(Array.from({ length: concurrency }, async (_, lane) => {
    while (!ctx.stopping) await worker(lane);
  }));
}

module.exports = { runChild, lanes, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
