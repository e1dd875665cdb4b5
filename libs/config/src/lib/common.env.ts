import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { EncryptionKeyEntry, parseEncryptionKeyring, SINGLE_KEY_ID } from './encryption-keyring.parser';
import { IsEncryptionKeySetting } from './encryption-keys.validator';
import { Secret } from './load-config.util';

const toInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the data lives: PostgreSQL when DATABASE_URL is set, else the embedded SQLite file. */
export class DatabaseEnv {
  /** PostgreSQL URL; when unset the embedded SQLite file at SQLITE_PATH is used. */
  @IsOptional()
  @Secret()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  SQLITE_PATH = './data/hookrelay.sqlite';

  /**
   * FULL: every commit is fsynced (survives a power cut). NORMAL: WAL commits survive a process crash
   * but the last ones may be lost in a power cut or OS crash — the guarantee JetStream gives by default.
   */
  @IsIn(['FULL', 'NORMAL'])
  SQLITE_SYNCHRONOUS: 'FULL' | 'NORMAL' = 'FULL';
}

/**
 * The keys secrets at rest are sealed with (AES-256-GCM): one key, or an ordered keyring for rotation.
 * What the apps read, and `hookrelay rekey` too. Turn it into a keyring with encryptionKeyringFrom().
 */
export class EncryptionEnv extends DatabaseEnv {
  /** Base64 of 32 random bytes: the one key (key id "default"). Set this or HOOKRELAY_ENCRYPTION_KEYS. */
  @Secret()
  @IsEncryptionKeySetting()
  HOOKRELAY_ENCRYPTION_KEY?: string;

  /** Keyring "kid:base64key,…": the first key seals, every listed key opens (rotation: new first, old after). */
  @Secret()
  @IsEncryptionKeySetting()
  HOOKRELAY_ENCRYPTION_KEYS?: string;
}

/** The validated keyring, sealing key first. */
export function encryptionKeyringFrom(env: Pick<EncryptionEnv, 'HOOKRELAY_ENCRYPTION_KEY' | 'HOOKRELAY_ENCRYPTION_KEYS'>): EncryptionKeyEntry[] {
  if (env.HOOKRELAY_ENCRYPTION_KEYS) return parseEncryptionKeyring(env.HOOKRELAY_ENCRYPTION_KEYS);
  if (env.HOOKRELAY_ENCRYPTION_KEY) return [{ kid: SINGLE_KEY_ID, key: env.HOOKRELAY_ENCRYPTION_KEY }];
  throw new Error('HOOKRELAY_ENCRYPTION_KEY or HOOKRELAY_ENCRYPTION_KEYS must be set');
}

/** Variables every Hookrelay service process reads. Apps extend this class with their own. */
/** An OTLP endpoint setting: an http(s) URL, or empty (= unset). */
const OTLP_URL = /^(https?:\/\/\S+)?$/;

export class CommonEnv extends EncryptionEnv {
  /** NATS server(s), comma-separated. */
  @IsString()
  @Matches(/^(nats|tls|ws|wss):\/\/[^\s,]+(,(nats|tls|ws|wss):\/\/[^\s,]+)*$/, { message: 'must be nats://host:port (comma-separated for a cluster)' })
  NATS_URL = 'nats://127.0.0.1:4222';

  /** This app's nats-server user (one per app: gateway, callbacks, webhooks, integration-points); unset: connect without credentials. */
  @ValidateIf((env: CommonEnv) => env.NATS_USER !== undefined || env.NATS_PASSWORD !== undefined)
  @Matches(/^[A-Za-z0-9_.-]{1,128}$/, { message: 'must be the app\'s nats-server user name, set together with NATS_PASSWORD' })
  NATS_USER?: string;

  /**
   * NATS_USER's password (generated: echo "hr$(openssl rand -hex 24)"). Letters and digits, starting with a
   * letter: nats-server reads it from its environment and parses it as a configuration value. A manifest
   * placeholder ("REPLACE…") is refused.
   */
  @ValidateIf((env: CommonEnv) => env.NATS_USER !== undefined || env.NATS_PASSWORD !== undefined)
  @Secret()
  @Matches(/^(?!.*REPLACE)[A-Za-z][A-Za-z0-9]{15,199}$/i, { message: 'must be set with NATS_USER: 16-200 letters and digits starting with a letter, not a placeholder' })
  NATS_PASSWORD?: string;

  /** Milliseconds a NATS request/reply may take before the caller gives up. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120000)
  NATS_REQUEST_TIMEOUT_MS = 10000;

  /**
   * Replicas of every JetStream stream the apps create (3 on a three-node cluster: one node may fail). Applied at
   * creation and to existing streams at every boot; at most the cluster's node count (1 on a single nats-server).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5)
  NATS_STREAM_REPLICAS = 1;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /**
   * CIDR ranges deliveries may reach despite the SSRF guard (comma-separated, spaces allowed; e.g. 127.0.0.0/8
   * for local receivers). Each entry is checked at boot by the delivery lib: no wider than /8 (IPv4) or /7
   * (IPv6), so `0.0.0.0/0` or `::/0` cannot switch the guard off.
   */
  @IsOptional()
  @IsString()
  @Matches(/^ *[0-9a-fA-F:./]+ *(, *[0-9a-fA-F:./]+ *)*$/, { message: 'must be comma-separated CIDR ranges, e.g. 127.0.0.0/8, 10.0.0.0/8' })
  DELIVERY_ALLOW_CIDRS?: string;

  /**
   * The gateway's public base URLs, comma-separated (e.g. https://hookrelay.example.com). A subscription
   * URL with one of these origins (scheme, host, port) is refused at registration and never attempted:
   * it would feed the platform its own deliveries. Checked at boot by the delivery lib.
   */
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  HOOKRELAY_PUBLIC_URLS?: string;

  /** Default DocStudio retry schedule, e.g. exponential:base=5s,factor=2,max=1h,jitter=0.2 or list:5s,30s,2m. */
  @IsString()
  CALLBACK_RETRY_SCHEDULE = 'exponential:base=5s,factor=2,max=1h,jitter=0.2';

  /** Whether this process works the delivery queue (every process can enqueue either way). */
  @IsIn(['true', 'false'])
  DELIVERY_WORKER: 'true' | 'false' = 'true';

  /** Attempts one process runs at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(4096)
  DELIVERY_CONCURRENCY = 256;

  /** Attempts at once against one endpoint (scheme://host:port) of one tenant, across all worker processes together. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1024)
  DELIVERY_MAX_PER_ENDPOINT = 64;

  /** How long JetStream waits for a worker's ack before redelivering a job; must exceed DELIVERY_ATTEMPT_TIMEOUT_CAP_MS by 5 s. */
  @Transform(toInt)
  @IsInt()
  @Min(5000)
  @Max(3_600_000)
  DELIVERY_ACK_WAIT_MS = 90_000;

  /** An endpoint failing without a single success for this long is paused (circuit breaker); a recall resumes it. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(30 * 86_400_000)
  DELIVERY_PAUSE_AFTER_MS = 86_400_000;

  /** How often each worker's scheduler publishes due retries, parked and recovered jobs (the retry lane). */
  @Transform(toInt)
  @IsInt()
  @Min(20)
  @Max(60_000)
  DELIVERY_SCHEDULER_INTERVAL_MS = 250;

  /**
   * How often each worker writes its delivery stats (the console's Overview) to the database: one write per
   * interval whatever the traffic. A process killed with -9 loses at most this much of its stats.
   */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(60_000)
  DELIVERY_STATS_FLUSH_MS = 2_000;

  /** Attempts one process runs at once from the retry lane (on top of DELIVERY_CONCURRENCY for first attempts). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(4096)
  DELIVERY_RETRY_CONCURRENCY = 64;

  /** Attempts at once for one tenant, across all worker processes together. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  DELIVERY_MAX_PER_TENANT = 192;

  /** JetStream max_ack_pending of each lane's consumer (jobs handed to workers and not yet answered). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(1_000_000)
  DELIVERY_MAX_ACK_PENDING = 20_000;

  /** The longest one attempt may take, whatever a subscription's own timeout says; DELIVERY_ACK_WAIT_MS must exceed it. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DELIVERY_ATTEMPT_TIMEOUT_CAP_MS = 60_000;

  /** Longest a job parked behind a busy endpoint or tenant waits before it is offered again. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DELIVERY_MAX_PARK_MS = 30_000;

  /** How HTTP attempts are made: undici directly (fastest), or @nestjs/axios on the same guarded undici dispatcher. */
  @IsIn(['undici', 'axios'])
  DELIVERY_HTTP_CLIENT: 'undici' | 'axios' = 'undici';

  /**
   * Send each attempt's W3C `traceparent` to the receiver, so its own spans can join our trace (needs
   * tracing on: OTEL_EXPORTER_OTLP_ENDPOINT). When true, `traceparent` is a reserved header a
   * subscription's custom headers cannot set.
   */
  @IsIn(['true', 'false'])
  DELIVERY_SEND_TRACEPARENT: 'true' | 'false' = 'false';

  /** Connections of the delivery engine's own PostgreSQL pool (hot-path statements), per process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Bytes the delivery job stream (DELIVERY_JOBS_V2) may hold; when full, new requests get 503 + Retry-After. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 ** 4)
  DELIVERY_STREAM_MAX_BYTES = 4 * 1024 ** 3;

  /** A job no worker took within this many seconds is dropped from the stream (its row stays; the scheduler re-publishes it). */
  @Transform(toInt)
  @IsInt()
  @Min(600)
  @Max(365 * 86_400)
  DELIVERY_STREAM_MAX_AGE_SECONDS = 7 * 86_400;

  /** Closed deliveries (with their attempts) older than this many days are deleted; 0 = keep them forever. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3650)
  RETENTION_DAYS = 30;

  /** The same horizon in seconds, overriding RETENTION_DAYS when set (short horizons for tests and soaks). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650 * 86_400)
  RETENTION_SECONDS?: number;

  /** Rows one retention batch deletes (one short transaction). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  RETENTION_BATCH_SIZE = 500;

  /** Pause between two retention batches, so deliveries get the database in between. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  RETENTION_BATCH_PAUSE_MS = 200;

  /** How often a worker process tries to run a retention sweep (one replica at a time holds the lease). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  RETENTION_INTERVAL_MS = 600_000;

  /** Optional port for this process's health endpoints (services); 0 or unset = none. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  OPS_PORT?: number;

  // Tracing (README "Tracing"): the standard OpenTelemetry variables that switch it on or off. The SDK reads
  // these and the other OTEL_* variables itself; they are declared here so a malformed endpoint stops boot.
  /** OTLP/HTTP collector base URL (`/v1/traces` is appended); setting it turns tracing on. */
  @IsOptional()
  @Matches(OTLP_URL, { message: 'must be an http(s):// URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The full OTLP/HTTP traces URL, instead of the base URL above. */
  @IsOptional()
  @Matches(OTLP_URL, { message: 'must be an http(s):// URL' })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /** `otlp` turns tracing on (the SDK's default endpoint, localhost:4318); `none` turns it off. */
  @IsOptional()
  @IsString()
  OTEL_TRACES_EXPORTER?: string;

  /** `true` turns tracing off whatever else is set. */
  @IsOptional()
  @Matches(/^(true|false|)$/i, { message: 'must be true or false' })
  OTEL_SDK_DISABLED?: string;
}

export { toInt };
