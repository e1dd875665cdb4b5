import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { call, pollUntil } from './api-client';

// The console (apps/console) in Debian's headless Chromium, driven by playwright-core, against ONE real
// platform and a real receiver; every assertion is on what the page shows (and, where it proves the effect,
// on the receiver). The console calls only the public API (CONSOLE-API contract, docs/adr/0011).
const ROOT = resolve(__dirname, '../../..');
const ARTIFACTS = join(ROOT, 'test-artifacts/console');
const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google's hosts, refused on these machines.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const KEY_A = 'e2e-console-tenant-a-admin-0001';
const KEY_A_READ = 'e2e-console-tenant-a-read-00001';
const KEY_B = 'e2e-console-tenant-b-admin-0001';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen in this context. */
  problems: string[];
}

describe('console: the web console in headless Chromium on one real platform', () => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let opsReceiver: HttpReceiver;
  let browser: Browser;
  let base: string;
  let admin: Watched;
  let firstId: string;
  let tenantBId: string;
  const contexts: Watched[] = [];

  const event = (auth: string, app: number, data: object): Promise<string> =>
    call<{ data: { id: string } }>(base, 'POST', `/application/${app}/events`, { auth, body: { event_name: 'console_check', event_type: 'e2e', data } }).then((r) => {
      if (r.status >= 300) throw new Error(`event refused: ${r.status} ${r.text}`);
      return r.json.data.id;
    });

  async function open(viewport = DESKTOP): Promise<Watched> {
    const context = await browser.newContext({ viewport, baseURL: base });
    const page = await context.newPage();
    // Everything here answers within a few seconds; a missing element should fail fast, not after 30 s.
    page.setDefaultTimeout(10_000);
    const watched: Watched = { context, page, problems: [] };
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) watched.problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => watched.problems.push(`pageerror: ${error.message}`));
    // Confirmations (rotate secret) are accepted: the test plays a user who means it.
    page.on('dialog', (dialog) => void dialog.accept());
    contexts.push(watched);
    return watched;
  }

  async function signIn(w: Watched, key: string): Promise<void> {
    await w.page.goto('/console/');
    await w.page.getByTestId('api-key').fill(key);
    await w.page.getByTestId('sign-in').click();
    await w.page.getByTestId('whoami').waitFor();
  }

  async function shot(w: Watched, name: string): Promise<string> {
    const file = join(ARTIFACTS, `${name}.png`);
    await w.page.screenshot({ path: file, fullPage: true });
    return file;
  }

  const row = (w: Watched, id: string) => w.page.locator(`[data-testid="delivery-row"][data-delivery-id="${id}"]`);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    receiver = await startReceiver();
    opsReceiver = await startReceiver();
    platform = await startPlatform({
      natsUrl: testNatsUrl(),
      database: { sqlitePath: tempSqlitePath() },
      apiKeys: `console-a:${KEY_A},console-a:${KEY_A_READ}:read,console-b:${KEY_B}`,
      env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8', DELIVERY_STATS_FLUSH_MS: '200' },
    });
    base = platform.baseUrl;
    await call(base, 'PUT', '/application/1/webhook', { auth: KEY_A, body: { url: receiver.url('/tenant-a'), retry_enabled: 0 } });
    await call(base, 'PUT', '/application/7/webhook', { auth: KEY_B, body: { url: receiver.url('/tenant-b'), retry_enabled: 0 } });
    // Registered up front so the events page finds one (GET answers 404 when none, which the browser logs).
    await call(base, 'PUT', '/hookrelay/v1/operational-webhook', { auth: KEY_A, body: { url: opsReceiver.url('/ops') } });
    // launch() starts Chromium on a new empty profile of its own (a temp --user-data-dir, deleted on close),
    // and every newContext() is a fresh incognito-like session: no key leaks from one user to the next.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    admin = await open();
  }, 180_000);

  afterAll(async () => {
    for (const w of contexts) await w.context.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    await receiver?.close();
    await opsReceiver?.close();
  });

  it('serves the page with a strict CSP, long-cached assets, index.html for client routes and a 404 for unknown assets', async () => {
    const page = await fetch(`${base}/console/deliveries/some-id`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-security-policy')).toBe(CSP);
    expect((await fetch(`${base}/console/assets/gone-0000.js`)).status).toBe(404);
    expect((await fetch(`${base}/console/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${base}/console`)).status).toBe(200);
  });

  it('GET /hookrelay/v1/whoami answers the key\'s tenant and role, 401 in the Hookrelay shape for a wrong key', async () => {
    const a = await call<{ data: { tenant_id: string; tenant_name: string; role: string } }>(base, 'GET', '/hookrelay/v1/whoami', { auth: KEY_A });
    expect(a.status).toBe(200);
    expect(a.json.data).toEqual({ tenant_id: expect.any(String), tenant_name: 'console-a', role: 'admin' });
    const read = await call<{ data: { tenant_id: string; role: string } }>(base, 'GET', '/hookrelay/v1/whoami', { auth: `Bearer ${KEY_A_READ}` });
    expect(read.json.data).toMatchObject({ tenant_id: a.json.data.tenant_id, role: 'read' });
    const b = await call<{ data: { tenant_id: string } }>(base, 'GET', '/hookrelay/v1/whoami', { auth: KEY_B });
    expect(b.json.data.tenant_id).not.toBe(a.json.data.tenant_id);
    const wrong = await call(base, 'GET', '/hookrelay/v1/whoami', { auth: 'not-a-key-of-this-platform' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'invalid API key' });
  });

  it('a wrong key gets the API\'s message and stays on the sign-in page', async () => {
    const w = await open();
    await w.page.goto('/console/');
    await w.page.getByTestId('api-key').fill('wrong-key-0000000000000000');
    await w.page.getByTestId('sign-in').click();
    await expect(w.page.getByTestId('sign-in-error').textContent()).resolves.toContain('invalid API key');
    expect(await w.page.getByTestId('whoami').count()).toBe(0);
    expect(await w.page.evaluate<number>('sessionStorage.length')).toBe(0);
    await shot(w, 'sign-in-wrong-key');
    // The 401 is logged by the browser as a failed load; nothing else may be.
    expect(w.problems.filter((p) => !/Failed to load resource.*401/.test(p))).toEqual([]);
  });

  it('signs in with an admin key: the key is kept in sessionStorage, the header shows tenant and role', async () => {
    await signIn(admin, KEY_A);
    expect(await admin.page.getByTestId('role').textContent()).toBe('admin');
    expect(await admin.page.getByTestId('whoami').textContent()).toContain('console-a');
    expect(await admin.page.evaluate<number>('sessionStorage.length')).toBe(1);
    await admin.page.getByTestId('page-overview').waitFor();
  });

  it('the overview shows the stats of the window as a chart and tiles', async () => {
    await admin.page.getByTestId('stats-chart').waitFor();
    expect(await admin.page.getByTestId('queue-depth').textContent()).toMatch(/^\d/);
    await shot(admin, 'overview');
  });

  it('a delivery made by a real event reaches the receiver and appears in the log; its detail shows payload, headers and the attempt', async () => {
    firstId = await event(KEY_A, 1, { order: 'A-1001', amount: 42 });
    await receiver.waitForRequests(1, 10_000);
    tenantBId = await event(KEY_B, 7, { order: 'B-2002' });
    await admin.page.getByTestId('nav-deliveries').click();
    await row(admin, firstId).waitFor({ timeout: 15_000 });
    await pollUntil('the row to show DELIVERED', () => row(admin, firstId).getByTestId('delivery-state').textContent(), (t) => t === 'DELIVERED', 15_000);
    await shot(admin, 'deliveries');

    await row(admin, firstId).getByTestId('delivery-link').click();
    await admin.page.getByTestId('page-delivery').waitFor();
    // The body sent: the Conpeek event envelope around the event's data.
    expect(JSON.parse((await admin.page.getByTestId('payload').textContent()) ?? '')).toMatchObject({ event_name: 'console_check', data: { order: 'A-1001', amount: 42 } });
    const headers = (await admin.page.getByTestId('headers-table').textContent()) ?? '';
    expect(headers).toContain('webhook-id');
    expect(headers).toContain('webhook-signature');
    expect(headers).not.toMatch(/whsec_/);
    expect(await admin.page.getByTestId('attempt').count()).toBe(1);
    await shot(admin, 'delivery-detail');
  });

  it('Replay queues the delivery again: the receiver gets it and the new attempt appears on the timeline', async () => {
    receiver.clear();
    await admin.page.getByTestId('replay-button').click();
    await admin.page.getByTestId('replay-result').waitFor();
    const [again] = await receiver.waitForRequests(1, 10_000);
    expect(again?.url).toBe('/tenant-a');
    await pollUntil('the second attempt on the page', () => admin.page.getByTestId('attempt').count(), (n) => n === 2, 15_000);
  });

  it('filters the log by delivery id, by subscription and by state', async () => {
    const arrived = receiver.requests.length;
    const second = await event(KEY_A, 1, { order: 'A-1002' });
    await receiver.waitForRequests(arrived + 1, 10_000);
    await admin.page.getByTestId('nav-deliveries').click();
    await row(admin, second).waitFor({ timeout: 15_000 });

    await admin.page.getByTestId('filter-id').fill(firstId);
    await admin.page.getByTestId('apply-filter').click();
    await pollUntil('only the filtered row', () => admin.page.getByTestId('delivery-row').count(), (n) => n === 1, 10_000);
    expect(await row(admin, firstId).count()).toBe(1);
    expect(new URL(admin.page.url()).searchParams.get('id')).toBe(firstId);

    await admin.page.getByTestId('clear-filter').click();
    await admin.page.getByTestId('filter-subscription_id').fill('no-such-subscription');
    await admin.page.getByTestId('apply-filter').click();
    await admin.page.getByTestId('deliveries-empty').waitFor();

    await admin.page.getByTestId('clear-filter').click();
    await admin.page.getByTestId('filter-source').selectOption('application_webhook');
    await admin.page.getByTestId('filter-subscription_id').fill('1');
    await admin.page.getByTestId('filter-close_reason').selectOption('DELIVERED');
    await admin.page.getByTestId('apply-filter').click();
    await row(admin, second).waitFor();
    await row(admin, firstId).waitFor();
    const states = await admin.page.getByTestId('delivery-state').allTextContents();
    expect(states.every((s) => s === 'DELIVERED')).toBe(true);
    await shot(admin, 'deliveries-filtered');
  });

  it('pauses and resumes a subscription with its switch', async () => {
    await admin.page.getByTestId('nav-subscriptions').click();
    const sub = admin.page.locator('[data-testid="subscription-row"][data-subscription="application_webhook/1"]');
    await sub.waitFor({ timeout: 10_000 });
    expect(await sub.getByTestId('subscription-status').textContent()).toBe('active');
    await sub.getByTestId('pause-switch').click();
    await pollUntil('the row to show paused', () => sub.getByTestId('subscription-status').textContent(), (t) => t === 'paused');
    const paused = await call<{ data: Array<{ source: string; subscription_id: string }> }>(base, 'GET', '/hookrelay/v1/subscriptions/paused', { auth: KEY_A });
    expect(paused.json.data).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'application_webhook', subscription_id: '1' })]));
    await shot(admin, 'subscriptions-paused');
    await sub.getByTestId('pause-switch').click();
    await pollUntil('the row to show active', () => sub.getByTestId('subscription-status').textContent(), (t) => t === 'active');
    const after = await call<{ data: Array<{ subscription_id: string }> }>(base, 'GET', '/hookrelay/v1/subscriptions/paused', { auth: KEY_A });
    expect(after.json.data.map((p) => p.subscription_id)).not.toContain('1');
    await shot(admin, 'subscriptions');
  });

  it('rotating a secret shows the new one once', async () => {
    const sub = admin.page.locator('[data-testid="subscription-row"][data-subscription="application_webhook/1"]');
    await sub.getByTestId('rotate-secret').click();
    expect(await admin.page.getByTestId('new-secret-value').textContent()).toMatch(/^whsec_/);
  });

  it('"replay all matching" prefills a bulk replay; the job runs to completed and the receiver gets every delivery again', async () => {
    await admin.page.goto('/console/deliveries?source=application_webhook&subscription_id=1');
    await row(admin, firstId).waitFor({ timeout: 10_000 });
    const matching = await admin.page.getByTestId('delivery-row').count();
    receiver.clear();
    await admin.page.getByTestId('replay-all-matching').click();
    await admin.page.getByTestId('page-replays').waitFor();
    expect(await admin.page.getByTestId('filter-subscription_id').inputValue()).toBe('1');
    expect(await admin.page.getByTestId('filter-source').inputValue()).toBe('application_webhook');
    await admin.page.getByTestId('start-replay').click();
    const started = admin.page.getByTestId('replay-started');
    await started.waitFor();
    const job = admin.page.locator('[data-testid="replay-job"]').first();
    await pollUntil('the job to complete', () => job.getAttribute('data-status'), (s) => s === 'completed' || s === 'failed', 30_000);
    expect(await job.getAttribute('data-status')).toBe('completed');
    expect(await job.getByTestId('replay-counts').textContent()).toBe(`${matching} of ${matching} replayed`);
    await receiver.waitForRequests(matching, 15_000);
    expect(receiver.requests.every((r) => r.url === '/tenant-a')).toBe(true);
    await shot(admin, 'replays');
  });

  it('shows the operational webhook and the subscription.paused / resumed events', async () => {
    await admin.page.getByTestId('nav-events').click();
    expect(await admin.page.getByTestId('webhook-url').inputValue()).toBe(opsReceiver.url('/ops'));
    await pollUntil(
      'the pause and resume events',
      async () => {
        await admin.page.reload();
        await admin.page.getByTestId('events-table').waitFor();
        return (await admin.page.getByTestId('events-table').textContent()) ?? '';
      },
      (text) => text.includes('subscription.paused') && text.includes('subscription.resumed'),
      15_000,
    );
    await shot(admin, 'events');
  });

  it('the overview counts the deliveries made above: bars in the chart, a success ratio and attempt latency', async () => {
    await admin.page.getByTestId('nav-overview').click();
    await admin.page.getByTestId('page-overview').waitFor();
    // The page refreshes itself; the workers' stats reach it within DELIVERY_STATS_FLUSH_MS.
    await admin.page.getByTestId('chart-bar').first().waitFor({ timeout: 20_000 });
    expect(await admin.page.getByTestId('success-ratio').textContent()).toMatch(/^\d+(\.\d+)? %$/);
    expect(await admin.page.getByTestId('latency').textContent()).toMatch(/\d+ (ms|s)/);
    await shot(admin, 'overview-with-traffic');
  });

  it('works at 390×844', async () => {
    const phone = await open(PHONE);
    await signIn(phone, KEY_A);
    await phone.page.getByTestId('nav-deliveries').click();
    await row(phone, firstId).waitFor({ timeout: 10_000 });
    const overflow = await phone.page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone, 'deliveries-390x844');
    expect(phone.problems).toEqual([]);
  });

  it('tenant B\'s console never shows tenant A\'s data', async () => {
    const b = await open();
    await signIn(b, KEY_B);
    await b.page.getByTestId('nav-deliveries').click();
    await row(b, tenantBId).waitFor({ timeout: 10_000 });
    const ids = await b.page.getByTestId('delivery-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-delivery-id')));
    expect(ids).toEqual([tenantBId]);
    await b.page.getByTestId('nav-subscriptions').click();
    await b.page.getByTestId('subscription-row').first().waitFor();
    const subs = (await b.page.getByTestId('page-subscriptions').textContent()) ?? '';
    expect(subs).toContain('/tenant-b');
    expect(subs).not.toContain('/tenant-a');
    await b.page.getByTestId('nav-replays').click();
    // Once the jobs have loaded, tenant B has none (tenant A started one above).
    await b.page.getByTestId('replay-jobs-empty').waitFor();
    expect(await b.page.getByTestId('replay-job').count()).toBe(0);
    await b.page.getByTestId('nav-events').click();
    await b.page.getByTestId('events-table').waitFor();
    expect(await b.page.getByTestId('event-row').count()).toBe(0);
    // A's delivery, asked for by id, is "not found" for B.
    await b.page.goto(`/console/deliveries/${encodeURIComponent(firstId)}`);
    expect((await call(base, 'GET', `/hookrelay/v1/deliveries/${encodeURIComponent(firstId)}`, { auth: KEY_B })).status).toBe(404);
    await b.page.getByTestId('error').waitFor();
    expect(await b.page.getByTestId('payload').count()).toBe(0);
    expect(b.problems.filter((p) => !/Failed to load resource.*40[34]/.test(p))).toEqual([]);
  });

  it('a read key sees the data and no action (signed in by keyboard alone, with a visible focus ring)', async () => {
    const r = await open();
    await r.page.goto('/console/');
    await r.page.getByTestId('api-key').waitFor();
    // The key field has the focus on arrival; the focus ring must show (no outline: none anywhere).
    expect(await r.page.evaluate<string | null>('document.activeElement && document.activeElement.dataset.testid')).toBe('api-key');
    expect(await r.page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await r.page.keyboard.type(KEY_A_READ);
    await r.page.keyboard.press('Enter');
    await r.page.getByTestId('whoami').waitFor();
    await r.page.keyboard.press('Tab');
    expect(await r.page.evaluate<string>('document.activeElement.textContent')).toBe('Skip to content');
    expect(await r.page.getByTestId('role').textContent()).toBe('read');
    await r.page.getByTestId('nav-deliveries').click();
    await row(r, firstId).waitFor({ timeout: 10_000 });
    expect(await r.page.getByTestId('replay-all-matching').count()).toBe(0);
    await row(r, firstId).getByTestId('delivery-link').click();
    await r.page.getByTestId('payload').waitFor();
    expect(await r.page.getByTestId('replay-button').count()).toBe(0);
    await r.page.getByTestId('nav-subscriptions').click();
    await r.page.getByTestId('subscription-row').first().waitFor();
    expect(await r.page.getByTestId('pause-switch').count()).toBe(0);
    expect(await r.page.getByTestId('rotate-secret').count()).toBe(0);
    await r.page.getByTestId('nav-replays').click();
    await r.page.getByTestId('replay-jobs').waitFor();
    expect(await r.page.getByTestId('start-replay').count()).toBe(0);
    await r.page.getByTestId('nav-events').click();
    await r.page.getByTestId('webhook-form').waitFor();
    expect(await r.page.getByTestId('webhook-save').count()).toBe(0);
    expect(await r.page.getByTestId('webhook-delete').count()).toBe(0);
    await shot(r, 'read-key-subscriptions');
    expect(r.problems).toEqual([]);
  });

  it('the admin\'s session had no console error and no CSP violation on any page', () => {
    expect(admin.problems).toEqual([]);
  });
});
