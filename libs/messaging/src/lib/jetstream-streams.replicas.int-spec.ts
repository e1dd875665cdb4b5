import { StreamDefinition } from '@hookrelay/contracts';
import { startNatsCluster, type NatsClusterHandle } from '@hookrelay/testing';
import { connect, NatsConnection } from 'nats';
import { ensureStreams } from './jetstream-streams.util';

const definition: StreamDefinition = {
  name: 'TEST_REPLICAS', subjects: ['test-replicas.*'], retention: 'workqueue', duplicateWindowSeconds: 120, description: 'ensureStreams replicas test', discard: 'old',
};

/** NATS_STREAM_REPLICAS on a real three-node nats-server 2.9 cluster. */
describe('ensureStreams replicas (real three-node cluster)', () => {
  let cluster: NatsClusterHandle;
  let nc: NatsConnection;

  beforeAll(async () => {
    cluster = await startNatsCluster();
    nc = await connect({ servers: cluster.url.split(',') });
  }, 90_000);

  afterAll(async () => {
    await nc?.close();
    await cluster?.stop();
  });

  /** The configured replicas, and the distinct nodes holding a current copy once the cluster settled (a move takes a moment). */
  async function replicasOf(name: string): Promise<{ configured: number; peers: number }> {
    const jsm = await nc.jetstreamManager();
    let last = { configured: 0, peers: 0 };
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      const info = await jsm.streams.info(name);
      const peers = new Set([info.cluster?.leader, ...(info.cluster?.replicas ?? []).filter((r) => r.current).map((r) => r.name)].filter(Boolean));
      last = { configured: info.config.num_replicas, peers: peers.size };
      if (last.peers === last.configured && (info.cluster?.replicas?.length ?? 0) === last.configured - 1) return last;
    }
    return last;
  }

  it('creates streams with the configured replicas and moves an existing stream from 1 to 3 replicas (and back) at boot', async () => {
    await ensureStreams(nc, [{ ...definition, name: 'TEST_REPLICAS_NEW', subjects: ['test-replicas-new.*'] }], { replicas: 3 });
    expect(await replicasOf('TEST_REPLICAS_NEW')).toEqual({ configured: 3, peers: 3 });

    // An existing single-replica stream (an install from before the cluster) with a message in it.
    await ensureStreams(nc, [definition]);
    expect(await replicasOf(definition.name)).toEqual({ configured: 1, peers: 1 });
    await nc.jetstream().publish('test-replicas.a', new TextEncoder().encode('kept'));

    await ensureStreams(nc, [definition], { replicas: 3 });
    expect(await replicasOf(definition.name)).toEqual({ configured: 3, peers: 3 });
    const jsm = await nc.jetstreamManager();
    expect((await jsm.streams.info(definition.name)).state.messages).toBe(1);

    await ensureStreams(nc, [definition], { replicas: 1 });
    expect(await replicasOf(definition.name)).toEqual({ configured: 1, peers: 1 });
    expect((await jsm.streams.info(definition.name)).state.messages).toBe(1);
  }, 60_000);
});
