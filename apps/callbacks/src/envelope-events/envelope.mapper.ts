import { EnvelopeCallbackPayload, EnvelopeEventInput, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { EnvelopeFacts, parseEnvelopeTimestamp } from '@hookrelay/filtering';
import { EnvelopeEntity } from '@hookrelay/persistence';

function timestamp(value: string | number, path: string): Date {
  const millis = parseEnvelopeTimestamp(value);
  // The contract checked the shape; an impossible calendar date (2023-02-30) is caught here.
  if (millis === null) throw new ServiceException(ServiceErrorCode.BadRequest, `${path} is not a valid date`);
  return new Date(millis);
}

/**
 * An accepted event as the stored envelope of the request's mailbox. UUIDs are stored lower case, status
 * upper case and scope lower case (the contract normalised those two), so lookups and payloads are uniform.
 */
export function toEnvelopeEntity(tenantId: string, mailbox: string, event: EnvelopeEventInput, position: number, now: Date): EnvelopeEntity {
  if (event.mailbox !== undefined && event.mailbox.toLowerCase() !== mailbox) {
    throw new ServiceException(ServiceErrorCode.BadRequest, `${position}.mailbox must be the mailbox of the request (the mailbox header)`);
  }
  return Object.assign(new EnvelopeEntity(), {
    tenantId,
    mailbox,
    uuid: event.uuid.toLowerCase(),
    label: event.label ?? [],
    status: event.status,
    subject: event.subject,
    receiveDate: timestamp(event.receiveDate, `${position}.receiveDate`),
    expireDate: event.expireDate === undefined || event.expireDate === null ? null : timestamp(event.expireDate, `${position}.expireDate`),
    template: event.template.toLowerCase(),
    sender: event.sender.toLowerCase(),
    scope: event.scope,
    updatedAt: now,
  } satisfies Partial<EnvelopeEntity>);
}

export function toEnvelopeFacts(envelope: EnvelopeEntity): EnvelopeFacts {
  return {
    label: envelope.label,
    status: envelope.status,
    subject: envelope.subject,
    receiveDate: envelope.receiveDate.getTime(),
    expireDate: envelope.expireDate?.getTime() ?? null,
    template: envelope.template,
    sender: envelope.sender,
    scope: envelope.scope,
  };
}

/** The DocStudio callback payload (CallbackEnvelopeDataDTO), in the documented key order, dates in UNIX ms. */
export function toCallbackPayload(envelope: EnvelopeEntity): EnvelopeCallbackPayload {
  return {
    mailbox: envelope.mailbox,
    uuid: envelope.uuid,
    label: envelope.label,
    status: envelope.status,
    subject: envelope.subject,
    receiveDate: envelope.receiveDate.getTime(),
    expireDate: envelope.expireDate?.getTime() ?? null,
    template: envelope.template,
    sender: envelope.sender,
  };
}
