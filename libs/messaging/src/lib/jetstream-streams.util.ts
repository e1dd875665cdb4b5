import { StreamDefinition } from '@hookrelay/contracts';
import { DiscardPolicy, JetStreamManager, NatsConnection, RetentionPolicy, StorageType, StreamConfig, nanos } from 'nats';

/** The settings a definition owns, which ensureStreams keeps up to date on an existing stream. */
type OwnedSettings = Pick<
  StreamConfig,
  'subjects' | 'description' | 'discard' | 'discard_new_per_subject' | 'max_bytes' | 'max_age' | 'max_msgs_per_subject' | 'num_replicas'
>;

export interface EnsureStreamsOptions {
  /** num_replicas of every stream (NATS_STREAM_REPLICAS); default 1. */
  replicas?: number;
  /** How long a boot keeps retrying a JetStream API call that timed out or found JetStream busy (default 60 s). */
  retryForMs?: number;
}

/** First pause between retries of a transient JetStream API failure; doubled each time up to 2 s. */
const FIRST_RETRY_MS = 250;

function ownedSettings(def: StreamDefinition, options: EnsureStreamsOptions): OwnedSettings {
  const perSubject = def.limits?.maxMsgsPerSubject ?? -1;
  return {
    num_replicas: options.replicas ?? 1,
    subjects: [...def.subjects],
    description: def.description,
    discard: def.discard === 'new' ? DiscardPolicy.New : DiscardPolicy.Old,
    // Without it a full subject drops its oldest message even under discard new; the server allows it only with a per-subject cap.
    discard_new_per_subject: def.discard === 'new' && perSubject > 0,
    max_bytes: def.limits?.maxBytes ?? -1,
    max_age: def.limits?.maxAgeSeconds ? nanos(def.limits.maxAgeSeconds * 1000) : 0,
    max_msgs_per_subject: perSubject,
  };
}

function toConfig(def: StreamDefinition, options: EnsureStreamsOptions): Partial<StreamConfig> & { name: string } {
  return {
    name: def.name,
    ...ownedSettings(def, options),
    retention: def.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: nanos(def.duplicateWindowSeconds * 1000),
  };
}

function differs(existing: StreamConfig, wanted: OwnedSettings): boolean {
  const sorted = (subjects: string[] | undefined): string => JSON.stringify([...(subjects ?? [])].sort());
  return (
    sorted(existing.subjects) !== sorted(wanted.subjects) ||
    (existing.description ?? '') !== wanted.description ||
    existing.discard !== wanted.discard ||
    Boolean(existing.discard_new_per_subject) !== wanted.discard_new_per_subject ||
    existing.max_bytes !== wanted.max_bytes ||
    existing.max_age !== wanted.max_age ||
    existing.max_msgs_per_subject !== wanted.max_msgs_per_subject ||
    existing.num_replicas !== wanted.num_replicas
  );
}

/**
 * Creates each stream, or brings an existing one's subjects, description, limits, discard policy and replica
 * count up to date (a changed setting takes effect at the next boot; nats-server 2.9 moves a stream between
 * 1 and 3 replicas by update): safe to run at every boot of every replica, concurrently.
 */
export async function ensureStreams(nc: NatsConnection, defs: readonly StreamDefinition[], options: EnsureStreamsOptions = {}): Promise<void> {
  const jsm: JetStreamManager = await nc.jetstreamManager();
  // Replicas of every service boot at once and ensure the same streams: on a JetStream cluster the meta
  // leader answers such a burst slowly (a TIMEOUT), or not while it is being elected. Those are retried.
  for (const def of defs) await retryTransient(() => ensureStream(jsm, def, options), options.retryForMs ?? 60_000);
}

async function ensureStream(jsm: JetStreamManager, def: StreamDefinition, options: EnsureStreamsOptions): Promise<void> {
  try {
    const existing = await jsm.streams.info(def.name);
    const wanted = ownedSettings(def, options);
    if (differs(existing.config, wanted)) await jsm.streams.update(def.name, { ...existing.config, ...wanted });
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    try {
      await jsm.streams.add(toConfig(def, options));
    } catch (addError) {
      // Another replica created it between our info and add: same outcome.
      if (!/already in use|exists/i.test(String((addError as Error).message))) throw addError;
    }
  }
}

/** Runs `operation`, again after a growing pause while it fails transiently (isTransientJetStreamError), until `forMs` has passed. */
export async function retryTransient<T>(operation: () => Promise<T>, forMs: number, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<T> {
  const deadline = Date.now() + forMs;
  for (let pause = FIRST_RETRY_MS; ; pause = Math.min(pause * 2, 2_000)) {
    try {
      return await operation();
    } catch (error) {
      if (!isTransientJetStreamError(error) || Date.now() + pause > deadline) throw error;
      await sleep(pause);
    }
  }
}

/** A JetStream API request that timed out, found no responder, or found JetStream temporarily unavailable. */
export function isTransientJetStreamError(error: unknown): boolean {
  const e = error as { code?: unknown; api_error?: { err_code?: number }; message?: string } | null;
  if (!e) return false;
  return e.code === 'TIMEOUT' || e.code === '503' || e.api_error?.err_code === 10008 || /temporarily unavailable/i.test(e.message ?? '');
}

function isStreamNotFound(error: unknown): boolean {
  const e = error as { api_error?: { err_code?: number }; message?: string };
  return e.api_error?.err_code === 10059 || /stream not found/i.test(e.message ?? '');
}
