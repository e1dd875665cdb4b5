import { compileEnvelopeFilter } from './compile-envelope-filter.util';
import { EnvelopeFacts, EnvelopeFilterSpec, EnvelopeMatch, FailedEnvelopeParts } from './docstudio-envelope.types';
import { ENVELOPE_FILTER_RULES } from './envelope-filter-rules';
import { prepareEnvelope } from './prepare-envelope.util';

/**
 * DocStudio's `check`: would this envelope trigger a callback with this filter? Evaluates every part
 * (no short cut) and reports the envelope's value of each one that failed; `failed` is `{}` when passed.
 */
export function matchEnvelope(filter: EnvelopeFilterSpec, envelope: EnvelopeFacts): EnvelopeMatch {
  const compiled = compileEnvelopeFilter(filter);
  const prepared = prepareEnvelope(envelope);
  const failed: FailedEnvelopeParts = {};
  for (const { rule, failed: report } of ENVELOPE_FILTER_RULES) {
    if (!rule(compiled, prepared)) Object.assign(failed, report(envelope));
  }
  return { passed: Object.keys(failed).length === 0, failed };
}
