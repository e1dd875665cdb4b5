#!/usr/bin/env node
// Regenerates the README's console screenshots (docs/console.png, docs/console-deliveries.png) from a real
// platform with real traffic: starts it as `npm start` does (tools/scripts/start-platform.js) in a temp data dir,
// registers three application webhooks at a local receiver (one healthy, one failing 30 % of the time with
// retries, one answering 410, which pauses it), sends events at a varying rate for SCREENSHOT_SECONDS (default
// 240), then signs in to the console in Debian's headless Chromium and takes the pictures.
// Needs `npm run build` and /usr/bin/chromium (`bash tools/scripts/ensure-system-deps.sh chromium`).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const SECONDS = Number(process.env.SCREENSHOT_SECONDS || 240);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function startReceiver() {
  let calls = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls++;
      const delay = 3 + Math.floor(Math.random() * (req.url.startsWith('/slow') ? 400 : 60));
      const status = req.url.startsWith('/gone') ? 410 : req.url.startsWith('/flaky') && Math.random() < 0.3 ? 500 : 200;
      setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}'), delay);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: (p) => `http://127.0.0.1:${server.address().port}${p}`, calls: () => calls })));
}

async function api(base, key, method, p, body) {
  const res = await fetch(`${base}${p}`, { method, headers: { authorization: key, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookrelay-screenshot-'));
  const [port, natsPort] = [await freePort(), await freePort()];
  const receiver = await startReceiver();
  const platform = spawn(process.execPath, [path.join(__dirname, 'start-platform.js')], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, HOOKRELAY_DATA_DIR: dataDir, PORT: String(port), NATS_PORT: String(natsPort), DELIVERY_ALLOW_CIDRS: '127.0.0.0/8', DELIVERY_STATS_FLUSH_MS: '500' },
  });
  let printed = '';
  platform.stdout.on('data', (chunk) => (printed += chunk));
  const base = `http://127.0.0.1:${port}`;
  try {
    const ready = () => fetch(`${base}/health/ready`).then((r) => r.status === 200, () => false);
    for (let i = 0; !(await ready()); i++) {
      if (i > 600 || platform.exitCode !== null) throw new Error(`the platform did not start:\n${printed}`);
      await sleep(200);
    }
    const env = fs.readFileSync(path.join(dataDir, 'local.env'), 'utf8');
    const key = /^HOOKRELAY_API_KEYS=[^:]+:([^,:\s]+)/m.exec(env)[1];
    const retry = { retry_enabled: 1, retry_config: { retry_value: 5, max_retries: 2, backoff_type: 'constant', backoff_value: 1 } };
    await api(base, key, 'PUT', '/application/1/webhook', { url: receiver.url('/orders'), ...retry });
    await api(base, key, 'PUT', '/application/2/webhook', { url: receiver.url('/flaky/billing'), ...retry });
    await api(base, key, 'PUT', '/application/3/webhook', { url: receiver.url('/gone/legacy'), retry_enabled: 0 });
    await api(base, key, 'PUT', '/application/4/webhook', { url: receiver.url('/slow/crm'), retry_enabled: 0 });
    await api(base, key, 'PUT', '/hookrelay/v1/operational-webhook', { url: receiver.url('/ops') });
    const started = Date.now();
    let sent = 0;
    while (Date.now() - started < SECONDS * 1000) {
      const t = (Date.now() - started) / 1000;
      const rate = 12 + 9 * Math.sin(t / 25);
      const app = [1, 1, 2, 4][sent % 4];
      await api(base, key, 'POST', `/application/${sent % 97 === 0 ? 3 : app}/events`, { event_name: 'order.updated', event_type: 'orders', data: { order: `A-${1000 + sent}`, amount: sent % 500 } });
      sent++;
      await sleep(1000 / rate);
    }
    console.log(`sent ${sent} events in ${SECONDS} s; the receiver answered ${receiver.calls()} requests`);
    await sleep(3000);

    const { chromium } = require('playwright-core');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: base })).newPage();
      await page.goto('/console/');
      await page.getByTestId('api-key').fill(key);
      await page.getByTestId('sign-in').click();
      await page.getByTestId('chart-bar').first().waitFor();
      await page.screenshot({ path: path.join(ROOT, 'docs/console.png') });
      await page.getByTestId('nav-deliveries').click();
      await page.getByTestId('delivery-row').first().waitFor();
      await page.screenshot({ path: path.join(ROOT, 'docs/console-deliveries.png') });
      console.log('wrote docs/console.png and docs/console-deliveries.png');
    } finally {
      await browser.close();
    }
  } finally {
    platform.kill('SIGINT');
    await new Promise((r) => platform.once('exit', r));
    receiver.server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
