import { EnvelopeFacts, PreparedEnvelope } from './docstudio-envelope.types';

/** Folds an envelope's case once per event, the way compileEnvelopeFilter folds each filter. */
export function prepareEnvelope(envelope: EnvelopeFacts): PreparedEnvelope {
  return {
    label: envelope.label,
    status: envelope.status.toUpperCase(),
    subject: envelope.subject.toLowerCase(),
    receiveDate: envelope.receiveDate,
    expireDate: envelope.expireDate,
    template: envelope.template.toLowerCase(),
    sender: envelope.sender.toLowerCase(),
    scope: envelope.scope.toLowerCase(),
  };
}
