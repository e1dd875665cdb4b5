import { EnvelopeRule } from './docstudio-envelope.types';
import { isWithinRange } from './is-within-range.util';

/** `expireDateFrom`/`expireDateTo`: the envelope expires within the bounds (inclusive); one without an expiry date fails a set bound. */
export const expireDateRule: EnvelopeRule = (filter, envelope) => isWithinRange(envelope.expireDate, filter.expireDateFrom, filter.expireDateTo);
