import { StreamDefinition } from '@hookrelay/contracts';
import { testNatsUrl } from '@hookrelay/testing';
import { connect, DiscardPolicy, NatsConnection, nanos } from 'nats';
import { randomBytes } from 'node:crypto';
import { ensureStreams } from './jetstream-streams.util';

/** A stream of its own per test, on the shared test nats-server. */
function definition(overrides: Partial<StreamDefinition> = {}): StreamDefinition {
  const id = randomBytes(4).toString('hex');
  return {
    name: `TEST_LIMITS_${id.toUpperCase()}`, subjects: [`test-limits-${id}.*`], retention: 'workqueue', duplicateWindowSeconds: 120,
    description: 'ensureStreams test', discard: 'old', ...overrides,
  };
}

async function publishError(nc: NatsConnection, subject: string, bytes: number): Promise<string | null> {
  try {
    await nc.jetstream().publish(subject, new Uint8Array(bytes));
    return null;
  } catch (error) {
    return String((error as { api_error?: { description?: string } }).api_error?.description ?? (error as Error).message);
  }
}

describe('ensureStreams limits and discard policy (real nats-server)', () => {
  let nc: NatsConnection;
  const created: string[] = [];

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
  });

  afterAll(async () => {
    const jsm = await nc.jetstreamManager();
    for (const name of created) await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
  });

  it('creates a bounded discard-new stream whose publishes are refused once full, per subject or in total', async () => {
    const def = definition({ discard: 'new', limits: { maxBytes: 4096, maxAgeSeconds: 600, maxMsgsPerSubject: 2 } });
    created.push(def.name);
    await ensureStreams(nc, [def]);
    const { config } = await (await nc.jetstreamManager()).streams.info(def.name);
    expect(config).toMatchObject({ discard: DiscardPolicy.New, discard_new_per_subject: true, max_bytes: 4096, max_age: nanos(600_000), max_msgs_per_subject: 2 });

    const prefix = def.subjects[0]!.slice(0, -1);
    expect(await publishError(nc, `${prefix}a`, 10)).toBeNull();
    expect(await publishError(nc, `${prefix}a`, 10)).toBeNull();
    expect(await publishError(nc, `${prefix}a`, 10)).toBe('maximum messages per subject exceeded');
    expect(await publishError(nc, `${prefix}b`, 3000)).toBeNull();
    expect(await publishError(nc, `${prefix}c`, 3000)).toBe('maximum bytes exceeded');
    // What was stored stays: discard new never drops accepted messages to make room.
    expect((await (await nc.jetstreamManager()).streams.info(def.name)).state.messages).toBe(3);
  });

  it('brings the limits and discard policy of an existing stream up to date at the next boot', async () => {
    const first = definition({ discard: 'new', limits: { maxBytes: 4096, maxAgeSeconds: 600, maxMsgsPerSubject: 2 } });
    created.push(first.name);
    await ensureStreams(nc, [first]);
    await ensureStreams(nc, [{ ...first, limits: { maxBytes: 1_000_000, maxAgeSeconds: 3600 } }]);
    const jsm = await nc.jetstreamManager();
    expect((await jsm.streams.info(first.name)).config).toMatchObject({ discard: DiscardPolicy.New, max_bytes: 1_000_000, max_age: nanos(3_600_000), max_msgs_per_subject: -1 });
    expect((await jsm.streams.info(first.name)).config.discard_new_per_subject ?? false).toBe(false);

    await ensureStreams(nc, [{ ...first, discard: 'old', limits: undefined }]);
    expect((await jsm.streams.info(first.name)).config).toMatchObject({ discard: DiscardPolicy.Old, max_bytes: -1, max_age: 0, max_msgs_per_subject: -1 });
  });

  it('leaves a stream without limits unlimited, discarding old (the delivery jobs streams)', async () => {
    const def = definition();
    created.push(def.name);
    await ensureStreams(nc, [def]);
    await ensureStreams(nc, [def]);
    expect((await (await nc.jetstreamManager()).streams.info(def.name)).config).toMatchObject({ discard: DiscardPolicy.Old, max_bytes: -1, max_age: 0, max_msgs_per_subject: -1 });
  });
});
