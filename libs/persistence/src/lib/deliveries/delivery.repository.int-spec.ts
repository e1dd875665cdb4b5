import { conpeekDateRange, ConpeekDateSpan, ConpeekOperator, parseConpeekFilter, CONPEEK_CALLBACK_QUERY_SCHEMA } from '@hookrelay/filtering';
import { createTestDatabase, tempSqlitePath } from '@hookrelay/testing';
import { DataSource } from 'typeorm';
import { DatabaseTarget } from '../data-source/data-source-options';
import { openDataSource } from '../data-source/open-data-source';
import { DeliveryEntity } from './delivery.entity';
import { DeliveryRepository } from './delivery.repository';

const TENANT = '0b7f6f1e-3333-4a2b-8c3d-000000000003';

function delivery(id: string, createdAt: string): DeliveryEntity {
  const at = new Date(createdAt);
  return Object.assign(new DeliveryEntity(), {
    id, tenantId: TENANT, source: 'application_webhook', subscriptionId: '1', url: 'http://127.0.0.1/', event: 'e', payload: '{}', headers: {},
    policy: { kind: 'bearer', timeoutMs: 1000, maxAttempts: 1 }, authorizationSealed: null, state: 'OPEN', applicationState: 'NEW', closeReason: null,
    attempts: 0, nextAttemptAt: null, createdAt: at, updatedAt: at, closedAt: null, version: 0, wakeAt: null, queued: 0,
  } satisfies Partial<DeliveryEntity>);
}

/** The span the Conpeek filter parser makes of a date text (the real parser, not a copy of its rules). */
function spanOf(text: string): ConpeekDateSpan {
  const [condition] = parseConpeekFilter(JSON.stringify([{ property: 'created_date', value: text }]), CONPEEK_CALLBACK_QUERY_SCHEMA);
  return condition!.value as ConpeekDateSpan;
}

describe.each(['sqlite', 'postgres'] as const)('the delivery log on %s: a Conpeek date is its whole second', (driver) => {
  let ds: DataSource;
  let repo: DeliveryRepository;

  beforeAll(async () => {
    const target: DatabaseTarget = driver === 'sqlite' ? { driver: 'sqlite', path: tempSqlitePath() } : { driver: 'postgres', url: await createTestDatabase('delivery_log') };
    ds = await openDataSource(target, 'delivery');
    repo = new DeliveryRepository(ds);
    await ds.getRepository(DeliveryEntity).insert([
      delivery('before', '2026-11-29T18:48:20.999Z'),
      delivery('within', '2026-11-29T18:48:21.700Z'),
      delivery('after', '2026-11-29T18:48:22.000Z'),
    ]);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  const idsWhere = async (op: 'eq' | ConpeekOperator, text: string): Promise<string[]> => {
    const page = await repo.page(TENANT, { where: [{ column: 'createdAt', op: 'inRanges', value: [conpeekDateRange(op, spanOf(text))] }], sort: null, offset: 0, limit: 10 });
    return page.map((d) => d.id).sort();
  };

  it.each<['eq' | ConpeekOperator, string[]]>([
    ['lte', ['before', 'within']],
    ['gt', ['after']],
    ['lt', ['before']],
    ['gte', ['after', 'within']],
    ['eq', ['within']],
  ])('created_date %s "2026-11-29 18:48:21" → %j', async (op, expected) => {
    expect(await idsWhere(op, '2026-11-29 18:48:21')).toEqual(expected);
  });

  it('matches any of several seconds (a list of dates)', async () => {
    const ranges = ['2026-11-29 18:48:20', '2026-11-29 18:48:22'].map((text) => conpeekDateRange('eq', spanOf(text)));
    const page = await repo.page(TENANT, { where: [{ column: 'createdAt', op: 'inRanges', value: ranges }], sort: null, offset: 0, limit: 10 });
    expect(page.map((d) => d.id).sort()).toEqual(['after', 'before']);
  });

  it('a millisecond written out is that millisecond', async () => {
    expect(await idsWhere('lte', '2026-11-29T18:48:21.699Z')).toEqual(['before']);
    expect(await idsWhere('eq', '2026-11-29T18:48:21.700Z')).toEqual(['within']);
  });
});
