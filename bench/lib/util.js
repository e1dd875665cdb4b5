'use strict';
// Small helpers shared by the bench: formatting, free ports, waiting, and one registry of everything
// the bench started, so that every child process is stopped on exit, Ctrl-C or error.
const { fork } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

function fmt(n, digits = 2) {
  if (n === Infinity) return '∞';
  if (!Number.isFinite(n)) return 'n/a';
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(digits);
}

const fmtMs = (n) => (n === Infinity ? 'not delivered' : Number.isFinite(n) ? `${n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1)} ms` : 'n/a');

/** A free TCP port on 127.0.0.1 (`count` consecutive ones when asked). */
async function freePort(count = 1) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = await listenOnce(count === 1 ? 0 : 20000 + Math.floor(Math.random() * 30000));
    if (first === undefined) continue;
    let ok = true;
    for (let i = 1; i < count && ok; i++) ok = (await listenOnce(first + i)) !== undefined;
    if (ok) return first;
  }
  throw new Error('no free port on 127.0.0.1');
}

function listenOnce(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

async function waitFor(what, check, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(intervalMs);
  }
  throw new Error(`${what}: not ready after ${Math.round(timeoutMs / 1000)} s`);
}

function tcpOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function tempDir(label) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hookrelay-bench-${label}-`));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ---- process registry ---------------------------------------------------------------------------
/** Everything started: { name, pid, signal (graceful), killTree? } — stopped in reverse order. */
const started = [];
const cleanups = [];

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Direct children of a pid (from /proc), for the platform launcher's apps and PostgreSQL's backends. */
function childPids(pid) {
  const out = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return out;
}

function register(name, child, gracefulSignal = 'SIGTERM') {
  const entry = { name, child, pid: child.pid, gracefulSignal, descendants: new Set() };
  started.push(entry);
  child.once('exit', () => {
    entry.exited = true;
  });
  return entry;
}

/** Remembers the children of a registered process (e.g. the launcher's apps) so they are killed too. */
function rememberDescendants(entry) {
  for (const pid of childPids(entry.pid)) entry.descendants.add(pid);
}

/** Graceful stop of one registered process: its signal, then SIGKILL (and its known children) after `graceMs`. */
async function stopProcess(entry, graceMs = 15000) {
  if (!entry) return;
  rememberDescendants(entry);
  if (!entry.exited && alive(entry.pid)) {
    const exited = new Promise((resolve) => (entry.exited ? resolve() : entry.child.once('exit', resolve)));
    try {
      process.kill(entry.pid, entry.gracefulSignal);
    } catch {
      /* gone */
    }
    const timer = sleep(graceMs).then(() => 'timeout');
    if ((await Promise.race([exited, timer])) === 'timeout') {
      for (const pid of [entry.pid, ...entry.descendants]) if (alive(pid)) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
      await Promise.race([exited, sleep(3000)]);
    }
  }
  // Orphans (the launcher exited before one of its apps): kill them.
  for (const pid of entry.descendants) if (alive(pid) && isOurs(pid)) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  const index = started.indexOf(entry);
  if (index >= 0) started.splice(index, 1);
}

/** Only kill a remembered pid if it still looks like one of ours (pids get reused). */
function isOurs(pid) {
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /run-app\.js|nats-server|redis-server|postgres|bench/.test(cmd);
  } catch {
    return false;
  }
}

/** Last resort, synchronous (process 'exit'): SIGKILL (SIGQUIT for PostgreSQL) everything still running. */
function killAllSync() {
  for (const entry of [...started].reverse()) {
    for (const pid of entry.descendants) if (alive(pid) && isOurs(pid)) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    if (!entry.exited && alive(entry.pid)) {
      try {
        process.kill(entry.pid, entry.name === 'postgres' ? 'SIGQUIT' : 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    if (entry.name !== 'postgres') for (const pid of childPids(entry.pid)) if (isOurs(pid)) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
  started.length = 0;
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      cleanup();
    } catch {
      /* best effort */
    }
  }
}

async function stopAll() {
  for (const entry of [...started].reverse()) await stopProcess(entry, 10000);
  killAllSync();
}

/** Stops everything on SIGINT/SIGTERM/uncaught errors; the 'exit' hook is the synchronous safety net. */
function installExitHandlers() {
  let stopping = false;
  const onSignal = (signal) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping everything the bench started…`);
    const hard = setTimeout(() => process.exit(130), 20000);
    hard.unref();
    stopAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGHUP', () => onSignal('SIGHUP'));
  process.on('exit', killAllSync);
}

// ---- forked bench children (load generators, references) ---------------------------------------
/**
 * Forks a bench child script with IPC. The child sends {type:'ready'} after its setup and
 * {type:'done', ...} when asked to stop ({type:'stop'}); see lib/child.js.
 */
function forkChild(name, script, config) {
  const child = fork(script, [], { env: { ...process.env, BENCH_CHILD_CONFIG: JSON.stringify(config) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const entry = register(name, child);
  const messages = [];
  const waiters = [];
  let exitInfo;
  child.on('error', () => undefined); // EPIPE after the child went away: its exit tells the story
  child.on('message', (m) => {
    messages.push(m);
    for (const w of [...waiters]) w();
  });
  child.on('exit', (code, signal) => {
    exitInfo = { code, signal };
    for (const w of [...waiters]) w();
  });
  const next = (type, timeoutMs) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const index = messages.findIndex((m) => m.type === type || m.type === 'error');
        if (index >= 0) {
          const [m] = messages.splice(index, 1);
          cleanup();
          if (m.type === 'error') reject(new Error(`${name}: ${m.message}`));
          else resolve(m);
        } else if (exitInfo) {
          cleanup();
          reject(new Error(`${name} exited (${exitInfo.signal || exitInfo.code}) before "${type}"`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${name}: no "${type}" within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        const i = waiters.indexOf(check);
        if (i >= 0) waiters.splice(i, 1);
      };
      waiters.push(check);
      check();
    });
  return {
    child,
    pid: child.pid,
    send: (m) => {
      if (child.connected) child.send(m, () => undefined);
    },
    next,
    async stop(timeoutMs) {
      if (child.connected) child.send({ type: 'stop' }, () => undefined);
      try {
        return await next('done', timeoutMs);
      } finally {
        await stopProcess(entry, 5000);
      }
    },
    kill: () => stopProcess(entry, 2000),
  };
}

// ---- /proc readings -------------------------------------------------------------------------------
/** Peak (VmHWM) and current (VmRSS) resident memory of a pid, in MB. */
function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number((new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status) || [])[1]);
    return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return { peakMb: NaN, rssMb: NaN };
  }
}

const TICKS = 100; // USER_HZ on Linux
/** CPU seconds (user + system) used so far by a pid. */
function cpuSecondsOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system) of a pid and each of its descendants alive now: Map pid → seconds. */
function treeCpuSeconds(rootPid) {
  const parent = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const inTree = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p), hops++) if (p === rootPid) return true;
    return false;
  };
  const out = new Map();
  for (const pid of parent.keys()) if (inTree(pid)) out.set(pid, cpuSecondsOf(pid) || 0);
  return out;
}

/**
 * CPU seconds the tree used between two treeCpuSeconds readings. A process that ended meanwhile (e.g. a
 * PostgreSQL autovacuum worker) is left out: its last CPU reading is gone, so "others" may be a little high.
 */
function treeCpuDelta(before, after) {
  let total = 0;
  for (const [pid, cpu] of after) total += Math.max(0, cpu - (before.get(pid) ?? 0));
  return total;
}

/** CPU seconds of the whole machine (all cores) so far, from /proc/stat: process time, and time stolen by the hypervisor. */
function machineCpuSeconds() {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , , , steal] = fields;
  return { busy: (user + nice + system) / TICKS, steal: (steal || 0) / TICKS };
}

module.exports = {
  treeCpuSeconds, treeCpuDelta, machineCpuSeconds,
  sleep, percentile, fmt, fmtMs, freePort, waitFor, tcpOpen, tempDir, register, stopProcess, stopAll, rememberDescendants,
  installExitHandlers, forkChild, childPids, memoryOf, cpuSecondsOf, cleanups,
};
