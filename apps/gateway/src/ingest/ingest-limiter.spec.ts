import { IngestLimiter, IngestTenant } from './ingest-limiter';
import { ingestQuotaSettings } from './ingest-quota.settings';

const A: IngestTenant = { id: '00000000-0000-4000-8000-00000000000a', name: 'tenant-a' };
const B: IngestTenant = { id: '00000000-0000-4000-8000-00000000000b', name: 'tenant-b' };
const VIP: IngestTenant = { id: '00000000-0000-4000-8000-00000000000c', name: 'vip' };
const FREE: IngestTenant = { id: '00000000-0000-4000-8000-00000000000d', name: 'free' };

function limiter(overrides?: string): { limiter: IngestLimiter; clock: { now: number } } {
  const clock = { now: 1_000 };
  return { limiter: new IngestLimiter(ingestQuotaSettings(10, 20, overrides), () => clock.now), clock };
}

describe('IngestLimiter', () => {
  it('refuses a tenant past its burst with the seconds until the request fits, and accepts it again after them', () => {
    const { limiter: l, clock } = limiter();
    expect(l.admit(A, 20)).toEqual({ accepted: true });
    expect(l.admit(A, 15)).toEqual({ accepted: false, retryAfterSeconds: 2, limit: { ratePerSecond: 10, burst: 20 } });
    clock.now += 1_500;
    expect(l.admit(A, 15)).toEqual({ accepted: true });
  });

  it('never says less than one second', () => {
    const { limiter: l } = limiter();
    l.admit(A, 20);
    expect(l.admit(A, 1)).toMatchObject({ accepted: false, retryAfterSeconds: 1 });
  });

  it('keeps tenants apart: one at its limit does not slow another', () => {
    const { limiter: l } = limiter();
    expect(l.admit(A, 20).accepted).toBe(true);
    expect(l.admit(A, 1).accepted).toBe(false);
    expect(l.admit(B, 20).accepted).toBe(true);
  });

  it.each([
    ['an override rate and burst', VIP, 100, true],
    ['an override past its burst', VIP, 101, false],
    ['an override of 0: unlimited', FREE, 1_000_000, true],
    ['the default for anyone else', B, 21, true],
  ])('%s', (_name, tenant, events, accepted) => {
    const { limiter: l } = limiter('vip:50:100,free:0');
    if (events > 100 && tenant === VIP) l.admit(VIP, 100);
    expect(l.admit(tenant, events).accepted).toBe(accepted);
  });

  it('charges what other replicas accepted, and reports only what it accepted itself', () => {
    const { limiter: l } = limiter();
    l.chargeRemote(A, 18);
    expect(l.admit(A, 3).accepted).toBe(false);
    expect(l.admit(A, 2).accepted).toBe(true);
    l.admit(B, 4);
    l.admit(B, 1);
    expect(l.takeUsage()).toEqual([
      { tenantId: A.id, tenantName: A.name, events: 2 },
      { tenantId: B.id, tenantName: B.name, events: 5 },
    ]);
    expect(l.takeUsage()).toEqual([]);
  });

  it('does not report refused requests', () => {
    const { limiter: l } = limiter();
    l.admit(A, 20);
    l.takeUsage();
    l.admit(A, 5);
    expect(l.takeUsage()).toEqual([]);
  });

  it('forgets buckets that refilled completely', () => {
    const { limiter: l, clock } = limiter();
    l.admit(A, 10);
    l.admit(B, 10);
    clock.now += 500;
    l.takeUsage();
    expect(l.size).toBe(2);
    clock.now += 1_000;
    l.takeUsage();
    expect(l.size).toBe(0);
  });
});
