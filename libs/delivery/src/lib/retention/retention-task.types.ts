/** What one batch of a retention task deleted. */
export interface PruneBatch {
  /** Rows counted against the batch's limit (the task is done when fewer than the limit went). */
  rows: number;
  /** Rows deleted, by table (a delivery's attempts go with it). */
  deleted: Record<string, number>;
}

/**
 * One kind of row retention deletes: the delivery engine's own (closed deliveries with their attempts,
 * expired idempotency keys) and any a service adds for its own tables (the callbacks service: envelopes).
 * Each runs under its own lease (`retention:<name>`), so one replica at a time works each table.
 */
export interface RetentionTask {
  name: string;
  /** Rows older than this are deleted; 0 = keep forever (the task is skipped). */
  horizonMs: number;
  /** Deletes at most `limit` rows older than `before` (epoch ms) in one short transaction. */
  prune(before: number, limit: number): Promise<PruneBatch>;
}

/** A task that deletes from one table: `prune` resolves how many rows went (all counted against the limit). */
export function singleTableRetentionTask(name: string, table: string, horizonMs: number, prune: (before: number, limit: number) => Promise<number>): RetentionTask {
  return {
    name,
    horizonMs,
    prune: async (before, limit) => {
      const count = await prune(before, limit);
      return { rows: count, deleted: { [table]: count } };
    },
  };
}
