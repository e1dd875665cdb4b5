import { EnvelopeRule } from './docstudio-envelope.types';
import { matchesAnyOf } from './matches-any-of.util';

/** `scope`: the envelope's direction (`inbox`/`outbox`) is one of them, ignoring case. */
export const scopeRule: EnvelopeRule = (filter, envelope) => matchesAnyOf(filter.scope, envelope.scope);
