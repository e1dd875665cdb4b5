import { DataSource, Repository } from 'typeorm';
import { countedDelete } from '../data-source/counted-delete.util';
import { serializedTransaction } from '../data-source/serialized-write.util';
import { EnvelopeEntity } from './envelope.entity';

const CHUNK = 100;

export class EnvelopeRepository {
  private readonly repo: Repository<EnvelopeEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(EnvelopeEntity);
  }

  /**
   * Stores the envelopes' latest state (INSERT … ON CONFLICT per chunk, one transaction). When a uuid
   * appears twice in one call the later one wins; one statement must not touch a row twice.
   */
  async upsertMany(envelopes: readonly EnvelopeEntity[]): Promise<void> {
    const latest = [...new Map(envelopes.map((e) => [`${e.tenantId}\u0000${e.mailbox}\u0000${e.uuid}`, e])).values()];
    if (latest.length === 0) return;
    await serializedTransaction(this.dataSource, async (manager) => {
      for (let i = 0; i < latest.length; i += CHUNK) {
        await manager.getRepository(EnvelopeEntity).upsert(latest.slice(i, i + CHUNK), {
          conflictPaths: ['tenantId', 'mailbox', 'uuid'], skipUpdateIfNoValuesChanged: false,
        });
      }
    });
  }

  async findInMailbox(tenantId: string, mailbox: string, uuid: string): Promise<EnvelopeEntity | null> {
    return this.repo.findOne({ where: { tenantId, mailbox, uuid } });
  }

  /**
   * Retention: deletes at most `limit` envelopes no event has updated since `before` (epoch ms), oldest
   * first, in one short statement (ix_envelopes_updated); returns how many. A later event stores it anew.
   */
  pruneUpdatedBefore(before: number, limit: number): Promise<number> {
    return countedDelete(this.dataSource, (p) => `DELETE FROM envelopes WHERE (tenant_id, mailbox, uuid) IN (
      SELECT tenant_id, mailbox, uuid FROM envelopes WHERE updated_at < ${p(1)} ORDER BY updated_at LIMIT ${p(2)})`, [before, Math.max(0, limit)]);
  }
}
