import { EnvelopeFacts, EnvelopeRule, FailedEnvelopeParts } from './docstudio-envelope.types';
import { expireDateRule } from './expire-date-rule.util';
import { labelRule } from './label-rule.util';
import { receiveDateRule } from './receive-date-rule.util';
import { scopeRule } from './scope-rule.util';
import { senderRule } from './sender-rule.util';
import { statusRule } from './status-rule.util';
import { subjectRule } from './subject-rule.util';
import { templateRule } from './template-rule.util';

export interface EnvelopeFilterRule {
  readonly rule: EnvelopeRule;
  /** What `check` reports when the rule fails: the envelope's own value (DocStudio FailedEnvelopeCallbackFilterDTO). */
  readonly failed: (envelope: EnvelopeFacts) => FailedEnvelopeParts;
}

/**
 * Every part of a DocStudio filter; an envelope matches when all of them pass (AND). The cheap,
 * most selective rules come first so the usual mismatch is found early.
 */
export const ENVELOPE_FILTER_RULES: readonly EnvelopeFilterRule[] = [
  { rule: statusRule, failed: (e) => ({ status: e.status }) },
  { rule: templateRule, failed: (e) => ({ template: e.template }) },
  { rule: senderRule, failed: (e) => ({ sender: e.sender }) },
  { rule: scopeRule, failed: (e) => ({ scope: e.scope }) },
  { rule: labelRule, failed: (e) => ({ labels: [...e.label] }) },
  { rule: receiveDateRule, failed: (e) => ({ receiveDate: e.receiveDate }) },
  { rule: expireDateRule, failed: (e) => ({ expireDate: e.expireDate }) },
  { rule: subjectRule, failed: (e) => ({ subject: e.subject }) },
];
