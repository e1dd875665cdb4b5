import { EnvelopeRule } from './docstudio-envelope.types';
import { isWithinRange } from './is-within-range.util';

/** `receiveDateFrom`/`receiveDateTo`: the envelope was received within the bounds (inclusive). */
export const receiveDateRule: EnvelopeRule = (filter, envelope) => isWithinRange(envelope.receiveDate, filter.receiveDateFrom, filter.receiveDateTo);
