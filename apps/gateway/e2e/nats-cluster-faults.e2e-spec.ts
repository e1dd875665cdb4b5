import { STREAMS } from '@hookrelay/contracts';
import { HttpReceiver, NatsClusterHandle, PlatformHandle, startNatsCluster, startPlatform, startReceiver, tempSqlitePath } from '@hookrelay/testing';
import { connect } from 'nats';
import { randomUUID } from 'node:crypto';
import { call } from './api-client';

const KEY = 'e2e-cluster-faults-key-0001';
const RATE_PER_SECOND = 100;
/** A request taking longer counts as refused (a client gives up and retries). */
const CLIENT_TIMEOUT_MS = 5_000;
const NODE_DOWN_MS = 10_000;

/** One logical event the client wants delivered, sent again after every refusal (as a retrying client does). */
interface ClientEvent {
  uid: string;
  /** The webhook-ids the API accepted it under (more than one: it refused a request whose event it accepted). */
  accepted: string[];
  refusals: number;
}

interface Request {
  at: number;
  ok: boolean;
  /** The HTTP status, or `timeout` / `network`. */
  outcome: string;
}

/**
 * A client posting Conpeek events at a steady rate; each refused request (non-2xx, network error or timeout) is
 * retried until accepted.
 */
class LoadClient {
  readonly events: ClientEvent[] = [];
  readonly requests: Request[] = [];
  private running = true;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly baseUrl: string) {}

  start(): void {
    const tick = setInterval(() => {
      if (!this.running) return clearInterval(tick);
      const event: ClientEvent = { uid: randomUUID(), accepted: [], refusals: 0 };
      this.events.push(event);
      const sending = this.send(event).finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }, 1000 / RATE_PER_SECOND);
  }

  /** Stops creating events; resolves once every created one was accepted. */
  async stop(): Promise<void> {
    this.running = false;
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  accepted(): number {
    return this.events.filter((e) => e.accepted.length > 0).length;
  }

  private async send(event: ClientEvent): Promise<void> {
    for (;;) {
      const { id, outcome } = await this.post(event.uid);
      this.requests.push({ at: Date.now(), ok: id !== null, outcome });
      if (id !== null) {
        event.accepted.push(id);
        return;
      }
      event.refusals++;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private async post(uid: string): Promise<{ id: string | null; outcome: string }> {
    try {
      const res = await fetch(`${this.baseUrl}/application/1/events`, {
        method: 'POST',
        // The retry carries the same Idempotency-Key: a request lost with the node may have stored its event
        // (a service that committed it, a gateway that never got the answer); then the retry gets the first
        // answer instead of a second event. Without the key, runs saw 0-2 events under two webhook-ids.
        headers: { authorization: KEY, 'content-type': 'application/json', 'idempotency-key': uid },
        body: JSON.stringify({ event_name: 'cluster.fault', event_type: 'test', data: { uid } }),
        signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      });
      const body = (await res.json().catch(() => null)) as { data?: { id?: string } } | null;
      return { id: res.status === 202 && body?.data?.id ? body.data.id : null, outcome: String(res.status) };
    } catch (error) {
      return { id: null, outcome: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
    }
  }
}

/** The uid in each delivered payload, with the webhook-ids it came with. */
function deliveredByUid(receiver: HttpReceiver): Map<string, Set<string>> {
  const byUid = new Map<string, Set<string>>();
  for (const request of receiver.requests) {
    const uid = /"uid":"([0-9a-f-]{36})"/.exec(request.body)?.[1];
    if (!uid) continue;
    const ids = byUid.get(uid) ?? new Set<string>();
    ids.add(String(request.headers['webhook-id']));
    byUid.set(uid, ids);
  }
  return byUid;
}

async function leaderOf(cluster: NatsClusterHandle, stream: string): Promise<string> {
  const nc = await connect({ servers: cluster.url.split(',') });
  try {
    const info = await (await nc.jetstreamManager()).streams.info(stream);
    if (!info.cluster?.leader) throw new Error(`${stream} has no leader: ${JSON.stringify(info.cluster)}`);
    return info.cluster.leader;
  } finally {
    await nc.close();
  }
}

describe('a three-node NATS cluster losing a node under load', () => {
  let cluster: NatsClusterHandle;
  let receiver: HttpReceiver;
  let platform: PlatformHandle | undefined;

  beforeAll(async () => {
    cluster = await startNatsCluster();
    receiver = await startReceiver({ respond: { status: 200, delayMs: 50 } });
    platform = await startPlatform({
      natsUrl: cluster.url, database: { sqlitePath: tempSqlitePath() }, apiKeys: `cluster:${KEY}`,
      env: {
        NATS_STREAM_REPLICAS: '3', DELIVERY_ALLOW_CIDRS: '127.0.0.0/8', DELIVERY_ACK_WAIT_MS: '6000', DELIVERY_ATTEMPT_TIMEOUT_CAP_MS: '1000',
        // Slower than the load (a few slots against a 50 ms receiver): deliveries are pending when the node dies.
        DELIVERY_MAX_PER_ENDPOINT: '4',
      },
    });
    const put = await call(platform.baseUrl, 'PUT', '/application/1/webhook', {
      auth: KEY, body: { url: receiver.url('/sink'), retry_enabled: 1, retry_config: { retry_value: 0.2, max_retries: 20, backoff_type: 'constant', backoff_value: 0 } },
    });
    expect(put.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await receiver?.close();
    await cluster?.stop();
  });

  it('kill -9 of the delivery stream leader node and its restart: every accepted event delivered, nearly nothing refused', async () => {
    const client = new LoadClient(platform!.baseUrl);
    client.start();
    await new Promise((r) => setTimeout(r, 4_000));

    // The worst node to lose: the one leading the delivery jobs stream (its replicas elect a new leader).
    const leader = await leaderOf(cluster, STREAMS.deliveryJobs.name);
    const victim = cluster.nodes.find((n) => n.name === leader)!;
    const pendingAtKill = client.accepted() - deliveredByUid(receiver).size;
    await victim.kill();
    const killedAt = Date.now();
    expect(pendingAtKill).toBeGreaterThan(0);

    await new Promise((r) => setTimeout(r, NODE_DOWN_MS));
    const restartAt = Date.now();
    await victim.restart();
    const restartedAt = Date.now();
    await new Promise((r) => setTimeout(r, 2_000));
    await client.stop();
    const stoppedAt = Date.now();

    // Drain: every accepted event reaches the receiver.
    const wanted = client.events.map((e) => e.uid);
    // 90 s, like the failover test: after a leader kill on a loaded run, parked and lost jobs come back at the
    // scheduler's pace (lease, then up to DELIVERY_MAX_PARK_MS per park); one CI run had 33 of ~1,550 still
    // waiting at 60 s while quiet runs drain in ~23 s.
    const drainDeadline = Date.now() + 90_000;
    let delivered = deliveredByUid(receiver);
    while (wanted.some((uid) => !delivered.has(uid)) && Date.now() < drainDeadline) {
      await new Promise((r) => setTimeout(r, 250));
      delivered = deliveredByUid(receiver);
    }
    const drainedAt = Date.now();

    const whileDown = client.requests.filter((r) => r.at >= killedAt && r.at < restartAt);
    const refused = client.requests.filter((r) => !r.ok);
    const lastRefusal = refused.length > 0 ? Math.max(...refused.map((r) => r.at)) : killedAt;
    const lost = wanted.filter((uid) => !delivered.has(uid));
    // The same event delivered under more than one webhook-id: the API refused a request whose event it had accepted.
    const duplicatedAcrossIds = [...delivered.values()].filter((ids) => ids.size > 1).length;
    const figures = {
      events: client.events.length,
      requests: client.requests.length,
      pendingAtKill,
      refused: refused.length,
      refusedBy: Object.fromEntries([...new Set(refused.map((r) => r.outcome))].map((o) => [o, refused.filter((r) => r.outcome === o).length])),
      refusedWhileDown: whileDown.filter((r) => !r.ok).length,
      requestsWhileDown: whileDown.length,
      refusedPercent: Number(((100 * refused.length) / client.requests.length).toFixed(2)),
      lost: lost.length,
      deliveries: receiver.requests.length,
      // At-least-once: a delivery repeated (same webhook-id) after a redelivery.
      duplicatedDeliveries: receiver.requests.length - delivered.size,
      duplicatedAcrossWebhookIds: duplicatedAcrossIds,
      apiRecoveryMs: lastRefusal - killedAt,
      nodeRestartMs: restartedAt - restartAt,
      drainMs: drainedAt - stoppedAt,
    };
    console.log(`NATS cluster fault figures: ${JSON.stringify(figures)}`);
    if (lost.length > 0) {
      // Where the undelivered ones stand, from the delivery log (so a failure says stuck or slow, and why).
      const ids = client.events.filter((e) => !delivered.has(e.uid)).flatMap((e) => e.accepted).slice(0, 5);
      const states = await Promise.all(ids.map((id) => call(platform!.baseUrl, 'GET', `/hookrelay/v1/deliveries/${id}`, { auth: KEY }).then((r) => r.json)));
      console.log(`undelivered (first 5, at ${new Date().toISOString()}): ${JSON.stringify(states)}`);
    }

    expect(lost).toEqual([]);
    expect(duplicatedAcrossIds).toBe(0);
    expect(figures.refusedPercent).toBeLessThanOrEqual(1);
  }, 180_000);
});
