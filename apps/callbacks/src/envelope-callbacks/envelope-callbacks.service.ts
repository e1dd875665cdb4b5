import { Inject, Injectable } from '@nestjs/common';
import {
  CreateEnvelopeCallbackCommand, EnvelopeCallbackView, ListEnvelopeCallbacksCommand, RemoveEnvelopeCallbackCommand, ServiceErrorCode,
  ServiceException,
} from '@hookrelay/contracts';
import { EnvelopeCallbackEntity, EnvelopeCallbackRepository } from '@hookrelay/persistence';
import { SECRET_BOX, SecretBox } from '@hookrelay/secrets';
import { randomUUID } from 'node:crypto';
import { toEnvelopeCallbackView, toStoredFilter } from './envelope-callback.mapper';

const DEFAULT_SUCCESS_CODE = 200;

@Injectable()
export class EnvelopeCallbacksService {
  constructor(
    private readonly callbacks: EnvelopeCallbackRepository,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
  ) {}

  async create({ tenantId, mailbox, body }: CreateEnvelopeCallbackCommand): Promise<EnvelopeCallbackView> {
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
      passwordSealed: body.password !== undefined ? this.secrets.encrypt(body.password, `envelope_callbacks:${id}:password`) : null,
      createdAt: new Date(),
    });
    await this.callbacks.insert(entity);
    return toEnvelopeCallbackView(entity);
  }

  async list({ tenantId, mailbox }: ListEnvelopeCallbacksCommand): Promise<EnvelopeCallbackView[]> {
    const entities = await this.callbacks.listForMailbox(tenantId, mailbox.toLowerCase());
    return entities.map(toEnvelopeCallbackView);
  }

  async remove({ tenantId, mailbox, id }: RemoveEnvelopeCallbackCommand): Promise<{ removed: true }> {
    if (!(await this.callbacks.deleteFromMailbox(tenantId, mailbox.toLowerCase(), id.toLowerCase()))) {
      throw new ServiceException(ServiceErrorCode.NotFound, 'callback not found');
    }
    return { removed: true };
  }
}
