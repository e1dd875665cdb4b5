import { AckPolicy, connect, StorageType, StringCodec, type NatsConnection } from 'nats';
import { startNatsCluster, type NatsClusterHandle } from './nats-cluster.process';

const codec = StringCodec();
const STREAM = 'CLUSTER_TEST';

describe('startNatsCluster', () => {
  let cluster: NatsClusterHandle;
  let nc: NatsConnection | undefined;

  beforeAll(async () => {
    cluster = await startNatsCluster();
  }, 90_000);

  afterAll(async () => {
    await nc?.close();
    await cluster?.stop();
  });

  it('serves an R3 stream that keeps publishing and consuming with one node killed, and takes the node back', async () => {
    expect(cluster.url.split(',')).toHaveLength(3);
    // The connection's first server is the node we kill: the client must fail over to the others by itself.
    nc = await connect({ servers: cluster.url.split(','), noRandomize: true, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.add({ name: STREAM, subjects: ['cluster-test.>'], storage: StorageType.File, num_replicas: 3 });
    expect(info.config.num_replicas).toBe(3);
    await jsm.consumers.add(STREAM, { durable_name: 'reader', ack_policy: AckPolicy.Explicit });
    const js = nc.jetstream();
    await js.publish('cluster-test.a', codec.encode('before'));

    const victim = cluster.nodes[0];
    await victim.kill();
    expect(victim.running).toBe(false);
    // Publishing may fail for a moment while the stream's and the meta leader are re-elected: retry like an app does.
    await retry(() => js.publish('cluster-test.a', codec.encode('during')));

    const consumer = await retry(() => js.consumers.get(STREAM, 'reader'));
    const read: string[] = [];
    while (read.length < 2) {
      const message = await retry(async () => {
        const m = await consumer.next({ expires: 2_000 });
        if (!m) throw new Error('no message yet');
        return m;
      });
      read.push(codec.decode(message.data));
      await message.ackAck();
    }
    expect(read).toEqual(['before', 'during']);

    await victim.restart();
    const peers = await retry(async () => {
      const state = await jsm.streams.info(STREAM);
      const current = [state.cluster?.leader, ...(state.cluster?.replicas ?? []).filter((r) => r.current).map((r) => r.name)];
      if (current.filter(Boolean).length !== 3) throw new Error(`replicas not all current yet: ${JSON.stringify(state.cluster)}`);
      return current;
    });
    expect(peers).toContain('n1');
  }, 120_000);
});

async function retry<T>(attempt: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
