import BetterSqlite3 from 'better-sqlite3';
import { statSync } from 'node:fs';
import { runSchemaMigrations } from '@hookrelay/persistence';
import { HttpReceiver, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { EngineNode, resetJobLanes, startEngineNode } from '../../testing/engine-node';
import { systemClock } from '../core/ports/clock.port';
import type { EnginePolicy } from '../engine/delivery-policy.types';
import { deliveryRetentionTasks } from './delivery-retention-tasks.util';
import { RetentionSweeper } from './retention-sweeper';

/**
 * Retention soak: deliveries flow steadily through the engine (real nats-server, real SQLite file, a real
 * receiver) while retention runs with a horizon of seconds; the row counts and the SQLite file (+ WAL) must
 * stay flat instead of growing with the traffic. `SOAK_SECONDS` sets the length (30 in `npm test`; `npm run
 * soak` runs 600).
 */
const SOAK_MS = Number(process.env.SOAK_SECONDS ?? 30) * 1000;
const HORIZON_MS = 3_000;
const SWEEP_EVERY_MS = 1_000;
const RATE_PER_SECOND = 200;
const TENANT = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ONCE: EnginePolicy = { kind: 'conpeek', retryEnabled: 0, retryConfig: null, timeoutMs: 5_000 };
const sub = { tenantId: TENANT, source: 'application_webhook' as const, subscriptionId: 'soak' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Sample { second: number; deliveries: number; attempts: number; fileBytes: number; delivered: number }

describe('retention soak', () => {
  let node: EngineNode | null = null;
  let receiver: HttpReceiver | null = null;
  jest.setTimeout(SOAK_MS + 60_000);

  afterAll(async () => {
    await node?.stop();
    await receiver?.close();
  });

  it(`keeps row counts and the SQLite file flat while deliveries flow (${SOAK_MS / 1000} s)`, async () => {
    await resetJobLanes(testNatsUrl());
    const path = tempSqlitePath('soak.sqlite');
    await runSchemaMigrations({ driver: 'sqlite', path }, 'delivery');
    node = await startEngineNode({ natsUrl: testNatsUrl(), database: { driver: 'sqlite', path, synchronous: 'NORMAL' } });
    receiver = await startReceiver();
    const url = receiver.url('/hook');
    await node.engine.targets.upsert(sub, { url, headers: {}, policy: ONCE, authorization: null });

    const tasks = deliveryRetentionTasks(node.store, HORIZON_MS, 86_400_000);
    const sweeper = new RetentionSweeper(node.store, () => tasks, systemClock, { batchSize: 200, pauseMs: 10, leaseMs: 60_000, holder: 'soak' });
    const peek = new BetterSqlite3(path, { readonly: true });
    const count = (table: string): number => (peek.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const fileBytes = (): number => [path, `${path}-wal`].reduce((sum, file) => { try { return sum + statSync(file).size; } catch { return sum; } }, 0);

    const started = Date.now();
    const running = () => Date.now() - started < SOAK_MS;
    let accepted = 0;
    let longestBatchMs = 0;
    const feeding = (async () => {
      for (let tick = 0; running(); tick++) {
        const items = Array.from({ length: RATE_PER_SECOND / 10 }, (_, i) => ({
          ...sub, url, event: 'soak', payload: JSON.stringify({ tick, i, pad: 'x'.repeat(200) }), headers: {}, policy: ONCE, authorization: null,
        }));
        accepted += (await node!.engine.intake.accept(items, { reply: (ids) => ids })).length;
        await sleep(Math.max(0, started + (tick + 1) * 100 - Date.now()));
      }
    })();
    const sweeping = (async () => {
      while (running()) {
        const report = await sweeper.sweep();
        longestBatchMs = Math.max(longestBatchMs, report.longestBatchMs);
        await sleep(SWEEP_EVERY_MS);
      }
    })();
    const samples: Sample[] = [];
    while (running()) {
      await sleep(Math.min(2_000, SOAK_MS / 10));
      samples.push({ second: Math.round((Date.now() - started) / 1000), deliveries: count('deliveries'), attempts: count('delivery_attempts'), fileBytes: fileBytes(), delivered: receiver.requests.length });
    }
    await Promise.all([feeding, sweeping]);
    peek.close();

    console.log(`retention soak: ${accepted} accepted, ${receiver.requests.length} delivered, longest retention batch ${longestBatchMs} ms\n`
      + samples.map((s) => `  ${String(s.second).padStart(4)} s  deliveries ${String(s.deliveries).padStart(6)}  attempts ${String(s.attempts).padStart(6)}  `
        + `file+wal ${(s.fileBytes / 1024).toFixed(0).padStart(7)} KiB  delivered ${s.delivered}`).join('\n'));

    // Flowing: most of what was accepted went out, and deliveries kept arriving in the last stretch.
    expect(receiver.requests.length).toBeGreaterThan(accepted * 0.8);
    expect(samples.at(-1)!.delivered).toBeGreaterThan(samples.at(-3)!.delivered);
    // Flat: once warmed up (the first third), rows stay near what the horizon holds (rate × (horizon + sweep
    // interval) plus slack for a loaded machine), far below everything accepted; the file stops growing.
    const warm = samples.filter((s) => s.second * 1000 >= SOAK_MS / 3);
    const bound = RATE_PER_SECOND * ((HORIZON_MS + SWEEP_EVERY_MS) / 1000) * 3;
    for (const s of warm) expect(s.deliveries).toBeLessThan(bound);
    expect(accepted).toBeGreaterThan(bound * 2);
    const firstHalfMax = Math.max(...samples.filter((s) => s.second * 1000 < SOAK_MS / 2).map((s) => s.fileBytes));
    expect(samples.at(-1)!.fileBytes).toBeLessThanOrEqual(firstHalfMax * 1.25);
  });
});
