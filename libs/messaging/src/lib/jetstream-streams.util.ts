import { StreamDefinition } from '@hookrelay/contracts';
import { DiscardPolicy, JetStreamManager, NatsConnection, RetentionPolicy, StorageType, StreamConfig, nanos } from 'nats';

function toConfig(def: StreamDefinition): Partial<StreamConfig> & { name: string } {
  return {
    name: def.name,
    subjects: [...def.subjects],
    description: def.description,
    retention: def.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(def.duplicateWindowSeconds * 1000),
    num_replicas: 1,
  };
}

/**
 * Creates each stream, or brings an existing one's subjects/description up to date: safe to run at
 * every boot of every replica, concurrently.
 */
export async function ensureStreams(nc: NatsConnection, defs: readonly StreamDefinition[]): Promise<void> {
  const jsm: JetStreamManager = await nc.jetstreamManager();
  for (const def of defs) {
    const config = toConfig(def);
    try {
      const existing = await jsm.streams.info(def.name);
      const sameSubjects = JSON.stringify([...existing.config.subjects].sort()) === JSON.stringify([...def.subjects].sort());
      if (!sameSubjects || existing.config.description !== def.description) {
        await jsm.streams.update(def.name, { ...existing.config, subjects: [...def.subjects], description: def.description });
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
      try {
        await jsm.streams.add(config);
      } catch (addError) {
        // Another replica created it between our info and add: same outcome.
        if (!/already in use|exists/i.test(String((addError as Error).message))) throw addError;
      }
    }
  }
}

function isStreamNotFound(error: unknown): boolean {
  const e = error as { api_error?: { err_code?: number }; message?: string };
  return e.api_error?.err_code === 10059 || /stream not found/i.test(e.message ?? '');
}
