'use strict';
// The product as `npm start` runs it: tools/scripts/start-platform.js (nats-server + the four built apps)
// in a temp data dir, on free loopback ports, with DELIVERY_ALLOW_CIDRS=127.0.0.0/8 so it may deliver to
// the local receiver, and OPS_PORT_BASE so each service serves /metrics. Everything else is default.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { childPids, freePort, memoryOf, cpuSecondsOf, register, stopProcess, tempDir } = require('./util');

const APPS = ['gateway', 'callbacks', 'webhooks', 'integration-points'];
/** Variables of ours a caller's shell may hold that would point the bench platform elsewhere. */
const SCRUBBED = ['NATS_URL', 'DATABASE_URL', 'SQLITE_PATH', 'HOOKRELAY_API_KEYS', 'HOOKRELAY_ENCRYPTION_KEY', 'HOOKRELAY_ENCRYPTION_KEYS', 'OPS_PORT', 'PORT', 'NATS_PORT', 'HOST', 'DELIVERY_HTTP_CLIENT', 'HOOKRELAY_CPU_PROFILE_DIR'];

async function startPlatform({ root, label, env: extra = {} }) {
  const dataDir = tempDir(`platform-${label}`);
  const port = await freePort();
  const natsPort = await freePort();
  const opsPortBase = await freePort(3);
  const env = { ...process.env };
  for (const name of SCRUBBED) delete env[name];
  Object.assign(env, {
    HOOKRELAY_DATA_DIR: dataDir, PORT: String(port), NATS_PORT: String(natsPort), OPS_PORT_BASE: String(opsPortBase), HOST: '127.0.0.1',
    DELIVERY_ALLOW_CIDRS: '127.0.0.0/8', FORCE_COLOR: '0', ...extra,
  });
  const child = spawn(process.execPath, [path.join(root, 'tools/scripts/start-platform.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = register('platform', child);
  let tail = '';
  let banner = ''; // everything printed until the launcher's banner has been seen
  let bannerSeen = false;
  // Access lines ("request"/"handled") flood the output under load: the other lines are kept apart, so
  // that a failure shows why the platform stopped.
  const notable = [];
  let partial = '';
  const keep = (d) => {
    tail = (tail + d).slice(-20000);
    const lines = (partial + d).split('\n');
    partial = lines.pop();
    for (const line of lines) {
      if (/"msg":"(request|handled)"/.test(line)) continue;
      notable.push(line);
      if (notable.length > 60) notable.shift();
    }
    if (!bannerSeen) banner += d;
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  let exitNote = '';
  child.once('exit', (code, signal) => {
    exited = true;
    // start-platform.js exits 0 when it was sent SIGINT/SIGTERM, 1 when one of its processes exited.
    exitNote = `start-platform.js exited (${signal || code}${code === 0 ? ': it was sent SIGINT or SIGTERM from outside the bench' : code === 1 ? ': one of its processes exited, see above' : ''})`;
  });

  const key = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error('the platform did not start within 90 s')), 90_000);
    const check = () => {
      const match = /API key:\s+(\S+)[\s\S]*Ctrl-C stops everything/.exec(banner);
      if (match) {
        bannerSeen = true;
        done(undefined, match[1]);
      }
    };
    const onExit = () => done(new Error('the platform exited while starting'));
    const done = (error, value) => {
      clearTimeout(timer);
      child.stdout.off('data', check);
      child.off('exit', onExit);
      if (error) reject(new Error(`${error.message}:\n${tail.slice(-4000)}`));
      else resolve(value);
    };
    child.stdout.on('data', check);
    child.once('exit', onExit);
  }).catch(async (error) => {
    await stopProcess(entry, 15000);
    throw error;
  });

  // The launcher's children: nats-server and `run-app.js <app>`.
  const pids = {};
  for (const pid of childPids(child.pid)) {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (cmd.some((a) => a.endsWith('nats-server'))) pids['nats-server'] = pid;
    const app = cmd[cmd.findIndex((a) => a.endsWith('run-app.js')) + 1];
    if (APPS.includes(app)) pids[app] = pid;
    entry.descendants.add(pid);
  }
  const opsLine = (/ops ports:([^\n]*)/.exec(banner) || ['', ''])[1];
  const opsPorts = Object.fromEntries([...opsLine.matchAll(/([a-z-]+)=(\d+)/g)].filter(([, name]) => APPS.includes(name)).map(([, name, p]) => [name, Number(p)]));
  const base = `http://127.0.0.1:${port}`;
  const metricsUrls = { gateway: `${base}/metrics`, ...Object.fromEntries(Object.entries(opsPorts).map(([name, p]) => [name, `http://127.0.0.1:${p}/metrics`])) };

  return {
    key, base, dataDir, pids, metricsUrls,
    natsUrl: `nats://127.0.0.1:${natsPort}`,
    /** NATS runs with authorization: the f1n load sends what the gateway sends, so it connects as the gateway. */
    get natsAuth() {
      const localEnv = fs.readFileSync(path.join(dataDir, 'local.env'), 'utf8');
      const pass = (/^HOOKRELAY_NATS_PASSWORD_GATEWAY=(.*)$/m.exec(localEnv) || [])[1];
      return { user: 'gateway', pass, inboxPrefix: '_INBOX_gateway' };
    },
    sqlitePath: path.join(dataDir, 'hookrelay.sqlite'),
    get running() {
      return !exited;
    },
    tail: () => `${notable.join('\n')}\n--- last output ---\n${tail.slice(-3000)}\n${exitNote}`,
    /** Peak and current RSS (MB) of every process. */
    memory: () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, memoryOf(pid)])),
    cpu: () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSecondsOf(pid)])),
    async stop() {
      await stopProcess(entry, 30000);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The event-loop lag p99 (ms) prom-client measured since its previous scrape (its histogram resets on each). */
async function scrapeLagP99(metricsUrls) {
  const out = {};
  await Promise.all(Object.entries(metricsUrls).map(async ([name, url]) => {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      const text = await res.text();
      const match = /^[a-z_]*nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})? ([0-9.eE+-]+)$/m.exec(text);
      out[name] = match ? Number(match[1]) * 1000 : NaN;
    } catch {
      out[name] = NaN;
    }
  }));
  return out;
}

/** The tenant the launcher's API key belongs to ("local"), from the database: its UUID for NATS commands. */
async function tenantId(platform, databaseUrl) {
  if (databaseUrl) {
    const { Client } = require('pg');
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query("SELECT id FROM tenants WHERE name = 'local'")).rows[0].id;
    } finally {
      await client.end();
    }
  }
  const Database = require('better-sqlite3');
  const db = new Database(platform.sqlitePath, { readonly: true, timeout: 10000 });
  try {
    return db.prepare("SELECT id FROM tenants WHERE name = 'local'").get().id;
  } finally {
    db.close();
  }
}

module.exports = { startPlatform, scrapeLagP99, tenantId, APPS };
