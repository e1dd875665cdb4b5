import { GATEWAY_INGEST_USAGE_SUBJECT_V1 } from '@hookrelay/contracts';
import { testNatsUrl } from '@hookrelay/testing';
import { connect, NatsConnection } from 'nats';
import { IngestLimiter, IngestTenant } from './ingest-limiter';
import { ingestQuotaSettings } from './ingest-quota.settings';
import { IngestUsageExchange, REPORT_EVERY_MS } from './ingest-usage.exchange';

const TENANT: IngestTenant = { id: '00000000-0000-4000-8000-0000000000a1', name: 'exchange-a' };
const OTHER: IngestTenant = { id: '00000000-0000-4000-8000-0000000000b2', name: 'exchange-b' };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Two gateway replicas' limiters, each with its own NATS connection, on a real nats-server. */
describe('IngestUsageExchange', () => {
  const connections: NatsConnection[] = [];
  const exchanges: IngestUsageExchange[] = [];

  async function replica(): Promise<{ limiter: IngestLimiter; nc: NatsConnection }> {
    const nc = await connect({ servers: testNatsUrl() });
    connections.push(nc);
    // Burst 10 on a clock that stands still: no refill, every change is a charge.
    const limiter = new IngestLimiter(ingestQuotaSettings(1, 10, undefined), () => 0);
    const exchange = new IngestUsageExchange(nc, limiter);
    exchange.onModuleInit();
    exchanges.push(exchange);
    await nc.flush();
    return { limiter, nc };
  }

  afterEach(async () => {
    for (const exchange of exchanges.splice(0)) exchange.onApplicationShutdown();
    await Promise.all(connections.splice(0).map((nc) => nc.close()));
  });

  it('charges one replica for what the other accepted, so the tenant\'s limit holds across both', async () => {
    const a = await replica();
    const b = await replica();
    expect(a.limiter.admit(TENANT, 8).accepted).toBe(true);
    await sleep(REPORT_EVERY_MS * 3);
    // A is not charged for its own report: its 2 remaining tokens are still there.
    expect(a.limiter.admit(TENANT, 2).accepted).toBe(true);
    // B was charged A's 8.
    expect(b.limiter.admit(TENANT, 3).accepted).toBe(false);
    expect(b.limiter.admit(TENANT, 2).accepted).toBe(true);
    // Only that tenant: another tenant's bucket on B is untouched.
    expect(b.limiter.admit(OTHER, 10).accepted).toBe(true);
    await sleep(REPORT_EVERY_MS * 3);
    // A was charged B's 2 and 10, B was charged A's second 2.
    expect(a.limiter.admit(TENANT, 1).accepted).toBe(false);
    expect(a.limiter.admit(OTHER, 1).accepted).toBe(false);
    expect(b.limiter.admit(TENANT, 1).accepted).toBe(false);
  });

  it('ignores messages that are not usage reports, and keeps working', async () => {
    const a = await replica();
    const b = await replica();
    const rogue = connections[0]!;
    rogue.publish(GATEWAY_INGEST_USAGE_SUBJECT_V1, new TextEncoder().encode('not json'));
    rogue.publish(GATEWAY_INGEST_USAGE_SUBJECT_V1, new TextEncoder().encode(JSON.stringify({ replicaId: 'x', usage: [{ tenantId: TENANT.id, tenantName: 'exchange-a', events: -50 }] })));
    rogue.publish(GATEWAY_INGEST_USAGE_SUBJECT_V1, new TextEncoder().encode('null'));
    await rogue.flush();
    a.limiter.admit(TENANT, 10);
    await sleep(REPORT_EVERY_MS * 3);
    expect(b.limiter.admit(TENANT, 1).accepted).toBe(false);
  });
});
