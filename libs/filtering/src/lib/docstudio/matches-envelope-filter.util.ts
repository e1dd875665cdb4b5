import { CompiledEnvelopeFilter, PreparedEnvelope } from './docstudio-envelope.types';
import { ENVELOPE_FILTER_RULES } from './envelope-filter-rules';

/** The hot path: does the envelope pass every part of the filter? Stops at the first failing part. */
export function matchesEnvelopeFilter(filter: CompiledEnvelopeFilter, envelope: PreparedEnvelope): boolean {
  for (let i = 0; i < ENVELOPE_FILTER_RULES.length; i++) if (!ENVELOPE_FILTER_RULES[i]!.rule(filter, envelope)) return false;
  return true;
}
