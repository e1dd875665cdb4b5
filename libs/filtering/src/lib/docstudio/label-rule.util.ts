import { EnvelopeRule } from './docstudio-envelope.types';
import { matchesAnyOf } from './matches-any-of.util';

/** `label`: the envelope carries at least one of the labels (exact match). */
export const labelRule: EnvelopeRule = (filter, envelope) => matchesAnyOf(filter.label, envelope.label);
