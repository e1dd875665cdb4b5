import { EnvelopeRule } from './docstudio-envelope.types';
import { matchesAnyOf } from './matches-any-of.util';

/** `sender`: the envelope was sent by one of these mailboxes (UUIDs, any case). */
export const senderRule: EnvelopeRule = (filter, envelope) => matchesAnyOf(filter.sender, envelope.sender);
