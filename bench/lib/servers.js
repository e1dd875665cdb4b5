'use strict';
// Throwaway servers for the bench, each in its own temp dir on a free loopback port, registered so that
// they are stopped on exit: nats-server (-js) for the reference pipeline, redis-server for BullMQ
// (installed with apt-get when missing, the distro's service never started), PostgreSQL 15 (initdb as
// the `postgres` OS user when we are root, server defaults: fsync and synchronous_commit on).
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { freePort, register, stopProcess, tcpOpen, tempDir, waitFor, sleep } = require('./util');

function findExecutable(candidates) {
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      /* next */
    }
  }
  return undefined;
}

function spawnServer(name, command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let output = '';
  const keep = (d) => {
    output = (output + d).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const entry = register(name, child, name === 'postgres' ? 'SIGINT' : 'SIGTERM');
  return { child, entry, pid: child.pid, output: () => output };
}

async function startNats(label) {
  const binary = findExecutable(['nats-server', '/usr/sbin/nats-server', '/usr/bin/nats-server']);
  if (!binary) throw new Error('nats-server not found: run tools/scripts/ensure-system-deps.sh nats');
  const dir = tempDir(`nats-${label}`);
  const port = await freePort();
  const server = spawnServer('nats-server', binary, ['-js', '-sd', dir, '-a', '127.0.0.1', '-p', String(port)]);
  await waitFor('nats-server', async () => {
    if (server.child.exitCode !== null) throw new Error(`nats-server exited:\n${server.output()}`);
    return tcpOpen(port);
  }, 15000, 50);
  await sleep(200); // JetStream is enabled just after the port opens
  return { url: `nats://127.0.0.1:${port}`, pid: server.pid, stop: () => stopProcess(server.entry) };
}

/** redis-server's path, installing Debian's package when missing (root, or sudo -n). Undefined when impossible. */
function ensureRedis(log) {
  const candidates = ['redis-server', '/usr/bin/redis-server', '/usr/sbin/redis-server'];
  let binary = findExecutable(candidates);
  if (binary) return binary;
  const root = process.getuid && process.getuid() === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  if (!root && !findExecutable(['sudo'])) {
    log('  redis-server is not installed and we are not root: apt-get install -y redis-server (as root) to include BullMQ');
    return undefined;
  }
  const run = (args) => execFileSync(sudo[0] || args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 300_000,
  });
  // Like tools/scripts/ensure-system-deps.sh: policy-rc.d "exit 101" keeps the distro service from starting.
  const policy = '/usr/sbin/policy-rc.d';
  const existing = fs.existsSync(policy) ? fs.readFileSync(policy, 'utf8') : undefined;
  const denies = existing !== undefined && /^exit 101$/m.test(existing);
  log('  installing redis-server (apt-get update && apt-get install -y redis-server) …');
  try {
    if (!denies) {
      if (existing !== undefined) run(['mv', policy, `${policy}.hookrelay-bench-backup`]);
      run(['sh', '-c', `printf '#!/bin/sh\\n# written by hookrelay bench during apt-get install\\nexit 101\\n' > ${policy} && chmod 755 ${policy}`]);
    }
    try {
      run(['apt-get', 'update', '-q']);
      run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'redis-server']);
    } finally {
      if (!denies) {
        run(['rm', '-f', policy]);
        if (existing !== undefined) run(['mv', `${policy}.hookrelay-bench-backup`, policy]);
      }
    }
  } catch (error) {
    log(`  redis-server install failed: ${String(error.stderr || error.message).slice(-500)}`);
    return undefined;
  }
  binary = findExecutable(candidates);
  return binary;
}

async function startRedis(binary) {
  const dir = tempDir('redis');
  const port = await freePort();
  // A production-like single node: AOF on, fsync every second; no RDB snapshots (they fork mid-run).
  const server = spawnServer('redis-server', binary, [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec',
    '--maxmemory-policy', 'noeviction', '--daemonize', 'no', '--protected-mode', 'yes', '--logfile', '',
  ]);
  const Redis = require('ioredis');
  await waitFor('redis-server', async () => {
    if (server.child.exitCode !== null) throw new Error(`redis-server exited:\n${server.output()}`);
    if (!(await tcpOpen(port))) return false;
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } finally {
      client.disconnect();
    }
  }, 15000, 100);
  return { port, pid: server.pid, stop: () => stopProcess(server.entry) };
}

function postgresBinDir() {
  const rootDir = '/usr/lib/postgresql';
  const versions = fs.existsSync(rootDir) ? fs.readdirSync(rootDir).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const dir = path.join(rootDir, v, 'bin');
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres'))) return dir;
  }
  try {
    return path.dirname(fs.realpathSync(execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim()));
  } catch {
    return undefined;
  }
}

/** The postgres OS user (created if missing) when we are root: initdb and postgres refuse to run as root. */
function postgresUser() {
  if (!process.getuid || process.getuid() !== 0) return undefined;
  const lookup = () => {
    try {
      const [, , uid, gid] = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).trim().split(':');
      return { uid: Number(uid), gid: Number(gid) };
    } catch {
      return undefined;
    }
  };
  let user = lookup();
  if (!user) {
    let groupExists = true;
    try {
      execFileSync('getent', ['group', 'postgres'], { stdio: 'ignore' });
    } catch {
      groupExists = false;
    }
    execFileSync('useradd', ['--system', ...(groupExists ? ['--gid', 'postgres'] : ['--user-group']), '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'pipe' });
    user = lookup();
  }
  return user;
}

async function startPostgres() {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found: run tools/scripts/ensure-system-deps.sh postgres');
  const user = postgresUser();
  const dir = tempDir('pg');
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const dataDir = path.join(dir, 'data');
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  execFileSync(path.join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '--locale=C', '--encoding=UTF8'], { cwd: dir, env, stdio: 'pipe', timeout: 120_000, ...asUser });
  const port = await freePort();
  const server = spawnServer('postgres', path.join(bin, 'postgres'), ['-D', dataDir, '-k', dir, '-h', '127.0.0.1', '-p', String(port)], { cwd: dir, env, ...asUser });
  const { Client } = require('pg');
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitFor('postgres', async () => {
    if (server.child.exitCode !== null) throw new Error(`postgres exited:\n${server.output()}`);
    const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }, 20000, 100);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.query('CREATE DATABASE hookrelay');
  const settings = await client.query("SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'max_connections', 'shared_buffers', 'server_version')");
  await client.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/hookrelay`,
    pid: server.pid,
    settings: Object.fromEntries(settings.rows.map((r) => [r.name, r.setting])),
    stop: () => stopProcess(server.entry, 15000),
  };
}

module.exports = { startNats, ensureRedis, startRedis, startPostgres };
