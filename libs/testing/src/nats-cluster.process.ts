import { connect } from 'nats';
import { getFreePort } from './free-port.util';
import { startNatsServer, type NatsServerHandle } from './nats-server.process';
import { waitUntil } from './wait-until.util';

const HOST = '127.0.0.1';
const CLUSTER_NAME = 'hookrelay-test';

export interface NatsClusterOptions {
  /** Default 3 (JetStream needs a majority: 3 nodes survive one lost node). */
  nodes?: number;
  /** How long the cluster may take to elect its JetStream meta leader, at start and after a restart. Default 30 s. */
  readyTimeoutMs?: number;
}

/** One node of the cluster: a nats-server with its own JetStream store, on a fixed client and route port. */
export interface NatsClusterNode {
  /** `n1`, `n2`, …: the node's server_name. */
  readonly name: string;
  /** `nats://127.0.0.1:<port>` of this node alone. */
  readonly url: string;
  readonly running: boolean;
  readonly pid: number | undefined;
  /** SIGKILL (kill -9): the store dir is kept. */
  kill(): Promise<void>;
  /** Starts the node again on its ports with its store and waits until JetStream answers through it. */
  restart(): Promise<void>;
  logs(): string;
}

export interface NatsClusterHandle {
  /** Every node's client URL, comma-separated: what NATS_URL gets. */
  readonly url: string;
  readonly nodes: readonly NatsClusterNode[];
  /** Stops every node and deletes their stores. Idempotent. */
  stop(): Promise<void>;
  /** Resolves once the JetStream API answers through a connection to the running nodes (a meta leader is elected). */
  waitForJetStream(timeoutMs?: number): Promise<void>;
}

/**
 * Starts a nats-server cluster on loopback: routes between every node, JetStream on each with its own
 * store dir (server_name, cluster and JetStream in each node's configuration file, so a reload or restart
 * keeps them), and the same generated authorization as startNatsServer (app users and the anonymous
 * test superuser).
 */
export async function startNatsCluster(options: NatsClusterOptions = {}): Promise<NatsClusterHandle> {
  const count = options.nodes ?? 3;
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const clientPorts: number[] = [];
  const routePorts: number[] = [];
  // Picked up front: every node's configuration lists the others' route ports.
  while (clientPorts.length < count) {
    const [client, route] = [await getFreePort(), await getFreePort()];
    if ([...clientPorts, ...routePorts, client].includes(route) || [...clientPorts, ...routePorts].includes(client)) continue;
    clientPorts.push(client);
    routePorts.push(route);
  }
  const routes = routePorts.map((port) => `"nats-route://${HOST}:${port}"`).join(', ');
  // Started together: a node's "ready" does not wait for its peers, but JetStream needs a majority of them.
  const results = await Promise.allSettled(
    clientPorts.map((port, i) =>
      startNatsServer({
        port,
        readyTimeoutMs,
        extraConfig: [`server_name: "n${i + 1}"`, `cluster { name: "${CLUSTER_NAME}", listen: "${HOST}:${routePorts[i]}", routes: [${routes}] }`],
      }),
    ),
  );
  const servers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const cluster = new NatsCluster(servers, readyTimeoutMs);
  try {
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    await cluster.waitForJetStream();
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

class NatsCluster implements NatsClusterHandle {
  readonly nodes: readonly NatsClusterNode[];

  constructor(
    private readonly servers: NatsServerHandle[],
    private readonly readyTimeoutMs: number,
  ) {
    this.nodes = servers.map((server, i) => this.node(server, `n${i + 1}`));
  }

  get url(): string {
    return this.servers.map((s) => s.url).join(',');
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.stop()));
  }

  async waitForJetStream(timeoutMs = this.readyTimeoutMs): Promise<void> {
    const urls = this.servers.filter((s) => s.running).map((s) => s.url);
    await waitForJetStreamThrough(urls, timeoutMs);
  }

  private node(server: NatsServerHandle, name: string): NatsClusterNode {
    const readyTimeoutMs = this.readyTimeoutMs;
    return {
      name,
      get url() {
        return server.url;
      },
      get running() {
        return server.running;
      },
      get pid() {
        return server.pid;
      },
      kill: () => server.kill(),
      restart: async () => {
        await server.restart();
        // Through this node alone: it has rejoined the cluster and knows the meta leader again.
        await waitForJetStreamThrough([server.url], readyTimeoutMs);
      },
      logs: () => server.logs(),
    };
  }
}

/** `$JS.API.INFO` answers (account info) through a connection to `urls`: the JetStream meta leader exists. */
async function waitForJetStreamThrough(urls: string[], timeoutMs: number): Promise<void> {
  let last = '';
  await waitUntil(
    async () => {
      const nc = await connect({ servers: urls, reconnect: false, timeout: 2_000 }).catch((error: Error) => {
        last = error.message;
        return null;
      });
      if (!nc) return false;
      try {
        await (await nc.jetstreamManager({ timeout: 2_000 })).getAccountInfo();
        return true;
      } catch (error) {
        last = (error as Error).message;
        return false;
      } finally {
        await nc.close();
      }
    },
    { description: `JetStream to answer through ${urls.join(',')} (last error: ${last || 'none'})`, timeoutMs, intervalMs: 250 },
  );
}
