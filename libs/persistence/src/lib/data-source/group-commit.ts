import { DataSource, EntityManager } from 'typeorm';
import { serializedTransaction } from './serialized-write.util';

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes submitted while a transaction is running wait and are committed together in the
 * next one. Each caller still gets its own result, after its write is durable. One lock acquisition and
 * one fsync then serve many concurrent deliveries instead of one each — on SQLite, where three processes
 * share one write lock, that is most of the cost of a write.
 * If a batch's transaction fails, every write in it fails (callers retry; nothing half-done is committed).
 */
export class GroupCommit<T, R> {
  private queue: Array<Pending<T, R>> = [];
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly write: (manager: EntityManager, item: T) => Promise<R>,
    private readonly maxBatch = 256,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the writes submitted in this turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await serializedTransaction(this.dataSource, async (manager) => {
          const out: R[] = [];
          for (const pending of batch) out.push(await this.write(manager, pending.item));
          return out;
        });
        batch.forEach((pending, index) => pending.resolve(results[index]!));
      } catch (error) {
        batch.forEach((pending) => pending.reject(error));
      }
    }
    this.running = false;
  }
}
