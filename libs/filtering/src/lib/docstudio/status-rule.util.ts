import { EnvelopeRule } from './docstudio-envelope.types';
import { matchesAnyOf } from './matches-any-of.util';

/** `status`: the envelope's status is one of them, ignoring case. */
export const statusRule: EnvelopeRule = (filter, envelope) => matchesAnyOf(filter.status, envelope.status);
