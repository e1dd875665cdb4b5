import { Inject, Injectable } from '@nestjs/common';
import {
  CreateEnvelopeCallbackCommand, CreatedEnvelopeCallbackView, EnvelopeCallbackRefCommand, EnvelopeCallbackSecretView, EnvelopeCallbackView,
  ListEnvelopeCallbacksCommand, RemoveEnvelopeCallbackCommand, ServiceErrorCode, ServiceException,
} from '@hookrelay/contracts';
import { DeliveryEngine, SubscriptionKey, TargetUrlPolicy } from '@hookrelay/delivery';
import { EnvelopeCallbackEntity, EnvelopeCallbackRepository } from '@hookrelay/persistence';
import { SECRET_BOX, SecretBox } from '@hookrelay/secrets';
import { randomUUID } from 'node:crypto';
import { toEnvelopeCallbackView, toStoredFilter } from './envelope-callback.mapper';
import { passwordContext, toCallbackTarget } from './callback-target.mapper';

const DEFAULT_SUCCESS_CODE = 200;

/** The most callbacks one mailbox may hold (MAX_CALLBACKS_PER_MAILBOX): it bounds one event's fan-out. */
export const MAX_CALLBACKS_PER_MAILBOX = Symbol('MAX_CALLBACKS_PER_MAILBOX');

export const callbackNotFound = (): ServiceException => new ServiceException(ServiceErrorCode.NotFound, 'callback not found');

export const subscriptionOf = (tenantId: string, callbackId: string): SubscriptionKey => ({
  tenantId, source: 'envelope_callback', subscriptionId: callbackId,
});

/** DocStudio envelope callbacks of a mailbox: add, list, remove, and each one's signing secret. */
@Injectable()
export class EnvelopeCallbacksService {
  constructor(
    private readonly callbacks: EnvelopeCallbackRepository,
    private readonly engine: DeliveryEngine,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(MAX_CALLBACKS_PER_MAILBOX) private readonly maxPerMailbox: number,
    private readonly urls: TargetUrlPolicy,
  ) {}

  async create({ tenantId, mailbox, body }: CreateEnvelopeCallbackCommand): Promise<CreatedEnvelopeCallbackView> {
    // Refused now rather than at every delivery (closed unsent): the connect-time guard still judges DNS answers.
    const refused = this.urls.refusalOf(body.url);
    if (refused !== null) throw new ServiceException(ServiceErrorCode.BadRequest, `url is not allowed: ${refused}`);
    const id = randomUUID();
    const entity = Object.assign(new EnvelopeCallbackEntity(), {
      id,
      tenantId,
      mailbox: mailbox.toLowerCase(),
      filter: toStoredFilter(body.filter),
      url: body.url,
      retries: body.retries,
      timeoutMs: body.timeout,
      successCode: body.successCode ?? DEFAULT_SUCCESS_CODE,
      login: body.login ?? null,
      passwordSealed: body.password !== undefined ? this.box.encrypt(body.password, passwordContext(id)) : null,
      createdAt: new Date(),
    });
    if (!(await this.callbacks.insert(entity, this.maxPerMailbox))) {
      throw new ServiceException(ServiceErrorCode.BadRequest, `this mailbox already has the most callbacks allowed (${this.maxPerMailbox}): remove one first`);
    }
    const target = toCallbackTarget(entity, this.box);
    const key = subscriptionOf(tenantId, id);
    const { createdSecret } = await this.engine.targets.upsert(key, {
      url: target.url, headers: {}, policy: target.policy, authorization: target.authorization, group: entity.mailbox, label: `mailbox ${entity.mailbox}`,
    });
    return { ...toEnvelopeCallbackView(entity), signingSecret: createdSecret ?? (await this.engine.targets.currentSecret(key)) };
  }

  async list({ tenantId, mailbox }: ListEnvelopeCallbacksCommand): Promise<EnvelopeCallbackView[]> {
    const entities = await this.callbacks.listForMailbox(tenantId, mailbox.toLowerCase());
    return entities.map(toEnvelopeCallbackView);
  }

  /** Removing a callback cancels its pending deliveries (they stay visible in GET /callback) and drops its secret. */
  async remove({ tenantId, mailbox, id }: RemoveEnvelopeCallbackCommand): Promise<{ removed: true }> {
    const callbackId = id.toLowerCase();
    if (!(await this.callbacks.deleteFromMailbox(tenantId, mailbox.toLowerCase(), callbackId))) throw callbackNotFound();
    await this.engine.targets.remove(subscriptionOf(tenantId, callbackId));
    return { removed: true };
  }

  async secret({ tenantId, mailbox, id }: EnvelopeCallbackRefCommand): Promise<EnvelopeCallbackSecretView> {
    const callback = await this.require(tenantId, mailbox, id);
    return { signingSecret: await this.engine.targets.currentSecret(subscriptionOf(tenantId, callback.id)) };
  }

  /** A new current secret; the previous one stays valid (and signs too) for 24 h. */
  async rotateSecret({ tenantId, mailbox, id }: EnvelopeCallbackRefCommand): Promise<EnvelopeCallbackSecretView> {
    const callback = await this.require(tenantId, mailbox, id);
    return { signingSecret: await this.engine.targets.rotateSecret(subscriptionOf(tenantId, callback.id)) };
  }

  async require(tenantId: string, mailbox: string, id: string): Promise<EnvelopeCallbackEntity> {
    const callback = await this.callbacks.findInMailbox(tenantId, mailbox.toLowerCase(), id.toLowerCase());
    if (!callback) throw callbackNotFound();
    return callback;
  }
}
