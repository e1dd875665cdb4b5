import { Inject, Injectable } from '@nestjs/common';
import {
  EnvelopeCallbackPayload, EnvelopeCallbackTestCommand, EnvelopeCheckResultView, EnvelopeSendResultView, ServiceErrorCode, ServiceException,
} from '@hookrelay/contracts';
import { matchEnvelope } from '@hookrelay/filtering';
import { EnvelopeEntity, EnvelopeRepository } from '@hookrelay/persistence';
import { SECRET_BOX, SecretBox } from '@hookrelay/secrets';
import { toCallbackPayload, toEnvelopeFacts } from '../envelope-events/envelope.mapper';
import { CallbackSender } from './callback-sender';
import { toCallbackTarget } from './callback-target.mapper';
import { EnvelopeCallbacksService } from './envelope-callbacks.service';

/** The sample DocStudio documents (help.whitedoc.ua "envelope callbacks"): what a receiver should expect. */
const SAMPLE_PAYLOAD: EnvelopeCallbackPayload = {
  mailbox: '5e8c6a0e-3f7b-4c1d-9a2e-7b1f0c9d8e6a',
  uuid: 'f8c97405-9185-4998-a3c0-2c4d0edaf43b',
  label: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'],
  status: 'WAITING',
  subject: 'string',
  receiveDate: 1676039226765,
  expireDate: 1678631226504,
  template: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  sender: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
};

/** DocStudio's tools for trying a callback on a stored envelope: check (dry run), send (fire now), sample payload. */
@Injectable()
export class EnvelopeCallbackTestsService {
  constructor(
    private readonly callbacks: EnvelopeCallbacksService,
    private readonly envelopes: EnvelopeRepository,
    private readonly sender: CallbackSender,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
  ) {}

  async check({ tenantId, mailbox, id, envelopeUuid }: EnvelopeCallbackTestCommand): Promise<EnvelopeCheckResultView> {
    const callback = await this.callbacks.require(tenantId, mailbox, id);
    const envelope = await this.requireEnvelope(tenantId, mailbox, envelopeUuid);
    return matchEnvelope(callback.filter, toEnvelopeFacts(envelope));
  }

  /** Fires whatever the filter says: DocStudio's send is a test of the receiver, not of the filter. */
  async send({ tenantId, mailbox, id, envelopeUuid }: EnvelopeCallbackTestCommand): Promise<EnvelopeSendResultView> {
    const callback = await this.callbacks.require(tenantId, mailbox, id);
    const envelope = await this.requireEnvelope(tenantId, mailbox, envelopeUuid);
    return this.sender.send(tenantId, toCallbackTarget(callback, this.box), JSON.stringify(toCallbackPayload(envelope)));
  }

  samplePayload(): EnvelopeCallbackPayload {
    return { ...SAMPLE_PAYLOAD, label: [...SAMPLE_PAYLOAD.label] };
  }

  private async requireEnvelope(tenantId: string, mailbox: string, uuid: string): Promise<EnvelopeEntity> {
    const envelope = await this.envelopes.findInMailbox(tenantId, mailbox.toLowerCase(), uuid.toLowerCase());
    if (!envelope) throw new ServiceException(ServiceErrorCode.NotFound, 'envelope not found');
    return envelope;
  }
}
