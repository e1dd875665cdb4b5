import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getFreePort } from './free-port.util';
import { ManagedProcess } from './managed-process';
import { waitUntil } from './wait-until.util';
import { testNatsCredentialsEnv } from './test-nats-auth';

export type PlatformApp = 'gateway' | 'callbacks' | 'webhooks' | 'integration-points';
export const SERVICE_APPS: readonly PlatformApp[] = ['integration-points', 'webhooks', 'callbacks'];

const ROOT = resolve(__dirname, '../../..');
const RUN_APP = join(ROOT, 'tools/scripts/run-app.js');
const BUILT_GATEWAY = join(ROOT, 'dist/out-tsc/apps/gateway/src/main.js');

export interface PlatformOptions {
  natsUrl: string;
  /** A postgres:// URL, or a SQLite file path. */
  database: { postgresUrl: string } | { sqlitePath: string };
  /** HOOKRELAY_API_KEYS for the gateway ("tenant:key[:role]", comma-separated). */
  apiKeys: string;
  /** Replicas per app (default 1 each). Every gateway replica listens on a port of its own (see `baseUrls`). */
  replicas?: Partial<Record<PlatformApp, number>>;
  /** Extra variables for every app. */
  env?: Record<string, string>;
  /** Give every service replica an OPS_PORT of its own (health and /metrics over HTTP). */
  opsPorts?: boolean;
  /**
   * Each app connects as its own NATS user with the test run's password (default true; test nats-servers
   * run with Hookrelay's authorization). false: no credentials.
   */
  natsAuth?: boolean;
}

export interface AppProcess {
  readonly app: PlatformApp;
  readonly process: ManagedProcess;
  /** The service's own HTTP port for /health and /metrics (OPS_PORT), when the platform gives them one. */
  readonly opsPort?: number;
  /** A gateway's API port (PORT); each gateway replica has its own. */
  readonly port?: number;
}

/** The four apps, built (npm run build), running as separate processes like in production. */
export interface PlatformHandle {
  /** The first gateway's URL and port. */
  readonly baseUrl: string;
  readonly port: number;
  /**
   * One URL per gateway slot (the first is `baseUrl`), whether that gateway runs right now or not, like
   * the address list a client or load balancer is configured with. startApp('gateway') fills the first
   * slot no running gateway listens on, so a killed gateway comes back on its own port.
   */
  readonly baseUrls: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  apps(app?: PlatformApp): AppProcess[];
  /** Starts one more replica of an app and waits until it says it is ready. */
  startApp(app: PlatformApp): Promise<AppProcess>;
  /** SIGTERM (graceful) or SIGKILL one replica and wait for it to exit. */
  stopApp(replica: AppProcess, signal?: NodeJS.Signals): Promise<void>;
  /** Stops every app, then starts them again with the same settings, or these changed ones ("" unsets one); the data stays. */
  restart(changedEnv?: Record<string, string>): Promise<void>;
  /** Waits until GET /health/ready answers 200 on every running gateway. */
  waitUntilReady(timeoutMs?: number): Promise<void>;
  /** Everything the apps printed, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

export async function startPlatform(options: PlatformOptions): Promise<PlatformHandle> {
  if (!existsSync(BUILT_GATEWAY)) throw new Error(`${BUILT_GATEWAY} is missing: run "npm run build" before the e2e tier`);
  const port = await getFreePort();
  const database: Record<string, string> =
    'postgresUrl' in options.database ? { DATABASE_URL: options.database.postgresUrl } : { SQLITE_PATH: options.database.sqlitePath };
  const env: Record<string, string> = {
    NATS_URL: options.natsUrl,
    HOOKRELAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    HOOKRELAY_API_KEYS: options.apiKeys,
    PORT: String(port),
    HOST: '127.0.0.1',
    ...database,
    ...options.env,
  };
  const platform = new Platform(port, env, options.opsPorts ?? false, options.natsAuth ?? true);
  try {
    // The services boot side by side, as `npm start` and an orchestrator start them (migrations are safe to race:
    // runMigrations); the gateway after them, so its readiness means the whole platform is up.
    await Promise.all(SERVICE_APPS.flatMap((app) => Array.from({ length: options.replicas?.[app] ?? 1 }, () => platform.startApp(app))));
    for (let i = 0; i < (options.replicas?.gateway ?? 1); i++) await platform.startApp('gateway');
    await platform.waitUntilReady();
  } catch (error) {
    const logs = platform.logs();
    await platform.stop();
    throw new Error(`${(error as Error).message}\n--- platform output ---\n${logs}`);
  }
  return platform;
}

class Platform implements PlatformHandle {
  private running: AppProcess[] = [];
  private readonly output: string[] = [];
  /** The gateway slots' ports; the first is the one PORT in `env` names. */
  private readonly gatewayPorts: number[];
  readonly baseUrl: string;

  constructor(
    readonly port: number,
    private settings: Readonly<Record<string, string>>,
    private readonly opsPorts: boolean,
    private readonly natsAuth: boolean,
  ) {
    this.baseUrl = gatewayUrl(port);
    this.gatewayPorts = [port];
  }

  get baseUrls(): readonly string[] {
    return this.gatewayPorts.map(gatewayUrl);
  }

  get env(): Readonly<Record<string, string>> {
    return this.settings;
  }

  apps(app?: PlatformApp): AppProcess[] {
    return this.running.filter((r) => r.process.running && (app === undefined || r.app === app));
  }

  async startApp(app: PlatformApp): Promise<AppProcess> {
    const opsPort = this.opsPorts && app !== 'gateway' ? await getFreePort() : undefined;
    const port = app === 'gateway' ? await this.freeGatewaySlot() : undefined;
    const credentials = this.natsAuth ? testNatsCredentialsEnv(app) : {};
    const env = {
      ...process.env, ...credentials, ...this.env, ...(opsPort ? { OPS_PORT: String(opsPort) } : {}), ...(port ? { PORT: String(port) } : {}),
    };
    const proc = new ManagedProcess(process.execPath, [RUN_APP, app], { cwd: ROOT, env, emergencySignal: 'SIGKILL' });
    proc.output.onLine((line) => this.output.push(`[${app}:${proc.pid}] ${line}`));
    const ready = proc.output.watchFor(/ready: /);
    const replica = { app, process: proc, ...(opsPort ? { opsPort } : {}), ...(port ? { port } : {}) };
    this.running.push(replica);
    await waitUntil(ready, {
      description: `${app} to start`,
      timeoutMs: 30_000,
      abortIf: () => (proc.running ? undefined : `${app} ${proc.describeExit()}:\n${proc.output.text()}`),
    });
    return replica;
  }

  async stopApp(replica: AppProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    replica.process.signal(signal);
    if (!(await replica.process.waitForExit(15_000))) {
      replica.process.signal('SIGKILL');
      await replica.process.waitForExit(5_000);
    }
    this.running = this.running.filter((r) => r !== replica);
  }

  async restart(changedEnv: Record<string, string> = {}): Promise<void> {
    const apps = this.running.map((r) => r.app);
    await this.stopAll();
    this.settings = { ...this.settings, ...changedEnv };
    await Promise.all(apps.filter((a) => a !== 'gateway').map((app) => this.startApp(app)));
    for (const app of apps.filter((a) => a === 'gateway')) await this.startApp(app);
    await this.waitUntilReady();
  }

  async waitUntilReady(timeoutMs = 30_000): Promise<void> {
    const running = this.apps('gateway').map((g) => gatewayUrl(g.port ?? this.port));
    const urls = running.length > 0 ? running : [this.baseUrl];
    const ready = (url: string): Promise<boolean> => fetch(`${url}/health/ready`).then((r) => r.status === 200, () => false);
    await waitUntil(async () => (await Promise.all(urls.map(ready))).every(Boolean), {
      description: `GET /health/ready to answer 200 on ${urls.join(', ')}`,
      timeoutMs,
      intervalMs: 100,
    });
  }

  /** The first gateway port no running gateway listens on; a new one when every slot is taken. */
  private async freeGatewaySlot(): Promise<number> {
    const taken = new Set(this.apps('gateway').map((g) => g.port));
    const free = this.gatewayPorts.find((p) => !taken.has(p));
    if (free !== undefined) return free;
    const added = await getFreePort();
    this.gatewayPorts.push(added);
    return added;
  }

  logs(): string {
    return this.output.slice(-400).join('\n');
  }

  async stop(): Promise<void> {
    await this.stopAll();
  }

  private async stopAll(): Promise<void> {
    // Gateways first, like an orchestrator draining traffic, then the services side by side.
    const gateways = this.running.filter((r) => r.app === 'gateway');
    await Promise.all(gateways.map((replica) => this.stopApp(replica)));
    await Promise.all(this.running.filter((r) => r.app !== 'gateway').map((replica) => this.stopApp(replica)));
  }
}

function gatewayUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}
