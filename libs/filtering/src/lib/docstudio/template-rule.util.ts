import { EnvelopeRule } from './docstudio-envelope.types';
import { matchesAnyOf } from './matches-any-of.util';

/** `template`: the envelope was created from one of these templates (UUIDs, any case). */
export const templateRule: EnvelopeRule = (filter, envelope) => matchesAnyOf(filter.template, envelope.template);
