import { Inject, Injectable } from '@nestjs/common';
import { compileEnvelopeFilter, EnvelopeFilterIndex } from '@hookrelay/filtering';
import { EnvelopeCallbackRepository } from '@hookrelay/persistence';
import { SECRET_BOX, SecretBox } from '@hookrelay/secrets';
import { CallbackTarget, toCallbackTarget } from '../envelope-callbacks/callback-target.mapper';

export const FILTER_CACHE_MAILBOXES = Symbol('FILTER_CACHE_MAILBOXES');

interface CachedMailbox {
  version: number;
  index: EnvelopeFilterIndex<CallbackTarget>;
}

/**
 * Each mailbox's callbacks, compiled and indexed (EnvelopeFilterIndex), kept in memory per (tenant,
 * mailbox), least recently used dropped first. Correct with any number of replicas: every lookup first
 * reads the mailbox's version (one primary-key row, raised in the same transaction as each add/remove),
 * and a cached index is used only while that version is unchanged. The version is read before the
 * callbacks are loaded, so an index is never filed under a newer version than the state it was built from.
 */
@Injectable()
export class MailboxFilterCache {
  private readonly cache = new Map<string, CachedMailbox>();

  constructor(
    private readonly callbacks: EnvelopeCallbackRepository,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(FILTER_CACHE_MAILBOXES) private readonly maxMailboxes: number,
  ) {}

  async forMailbox(tenantId: string, mailbox: string): Promise<EnvelopeFilterIndex<CallbackTarget>> {
    const key = `${tenantId}/${mailbox}`;
    const version = await this.callbacks.mailboxVersion(tenantId, mailbox);
    const cached = this.cache.get(key);
    if (cached && cached.version === version) {
      this.remember(key, cached);
      return cached.index;
    }
    const entities = await this.callbacks.listForMailbox(tenantId, mailbox);
    const index = new EnvelopeFilterIndex(entities.map((entity) => ({ target: toCallbackTarget(entity, this.box), filter: compileEnvelopeFilter(entity.filter) })));
    this.remember(key, { version, index });
    return index;
  }

  private remember(key: string, entry: CachedMailbox): void {
    // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
    this.cache.delete(key);
    this.cache.set(key, entry);
    while (this.cache.size > this.maxMailboxes) this.cache.delete(this.cache.keys().next().value!);
  }
}
