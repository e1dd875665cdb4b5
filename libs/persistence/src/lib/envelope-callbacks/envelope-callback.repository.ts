import { DataSource, EntityManager, Repository } from 'typeorm';
import { serializedTransaction } from '../data-source/serialized-write.util';
import { EnvelopeCallbackMailboxEntity } from './envelope-callback-mailbox.entity';
import { EnvelopeCallbackEntity } from './envelope-callback.entity';

/** Raises the mailbox's version in one statement (no read-then-write), creating it at 1. */
const BUMP_VERSION = `INSERT INTO envelope_callback_mailboxes (tenant_id, mailbox, version, updated_at) VALUES (:tenantId, :mailbox, 1, :now)
  ON CONFLICT (tenant_id, mailbox) DO UPDATE SET version = envelope_callback_mailboxes.version + 1, updated_at = excluded.updated_at`;

export class EnvelopeCallbackRepository {
  private readonly repo: Repository<EnvelopeCallbackEntity>;
  private readonly mailboxes: Repository<EnvelopeCallbackMailboxEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(EnvelopeCallbackEntity);
    this.mailboxes = dataSource.getRepository(EnvelopeCallbackMailboxEntity);
  }

  /**
   * Inserts the callback and raises its mailbox's version, together — unless the mailbox already holds
   * `maxPerMailbox` callbacks (false, nothing written). The version is raised first: that locks the mailbox's
   * row, so on PostgreSQL concurrent adds to one mailbox are counted one after another and the cap is exact.
   */
  async insert(entity: EnvelopeCallbackEntity, maxPerMailbox = Number.POSITIVE_INFINITY): Promise<boolean> {
    const full = Symbol('mailbox full');
    try {
      await serializedTransaction(this.dataSource, async (manager) => {
        await this.bumpVersion(manager, entity.tenantId, entity.mailbox);
        if (Number.isFinite(maxPerMailbox) && (await manager.count(EnvelopeCallbackEntity, { where: { tenantId: entity.tenantId, mailbox: entity.mailbox } })) >= maxPerMailbox) {
          throw full; // rolls the version bump back
        }
        await manager.insert(EnvelopeCallbackEntity, entity);
      });
      return true;
    } catch (error) {
      if (error === full) return false;
      throw error;
    }
  }

  async listForMailbox(tenantId: string, mailbox: string): Promise<EnvelopeCallbackEntity[]> {
    return this.repo.find({ where: { tenantId, mailbox }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async findInMailbox(tenantId: string, mailbox: string, id: string): Promise<EnvelopeCallbackEntity | null> {
    return this.repo.findOne({ where: { tenantId, mailbox, id } });
  }

  /** Deletes the callback and raises its mailbox's version, together; false when there was none. */
  async deleteFromMailbox(tenantId: string, mailbox: string, id: string): Promise<boolean> {
    return serializedTransaction(this.dataSource, async (manager) => {
      const result = await manager.delete(EnvelopeCallbackEntity, { tenantId, mailbox, id });
      if ((result.affected ?? 0) === 0) return false;
      await this.bumpVersion(manager, tenantId, mailbox);
      return true;
    });
  }

  /** The mailbox's callback version: 0 before its first callback. */
  async mailboxVersion(tenantId: string, mailbox: string): Promise<number> {
    const row = await this.mailboxes.findOne({ select: { version: true }, where: { tenantId, mailbox } });
    return row?.version ?? 0;
  }

  private async bumpVersion(manager: EntityManager, tenantId: string, mailbox: string): Promise<void> {
    const [sql, parameters] = manager.connection.driver.escapeQueryWithParameters(BUMP_VERSION, { tenantId, mailbox, now: Date.now() }, {});
    await manager.query(sql, parameters);
  }
}
