import { compileEnvelopeFilter } from '../lib/docstudio/compile-envelope-filter.util';
import { EnvelopeFacts, EnvelopeFilterSpec, EnvelopeRule } from '../lib/docstudio/docstudio-envelope.types';
import { prepareEnvelope } from '../lib/docstudio/prepare-envelope.util';

export const TEMPLATE = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
export const SENDER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const OTHER_UUID = '00000000-0000-4000-8000-000000000000';
/** 2023-02-16T12:34:26.606Z */
export const RECEIVED = 1676550866606;
/** 2023-03-16T12:34:26.606Z */
export const EXPIRES = 1678970066606;

/** A sample envelope for rule tables; rows override the facts they are about. */
export const ENVELOPE: EnvelopeFacts = {
  label: ['urgent', 'hr'],
  status: 'COMPLETED',
  subject: 'Договір оренди №12',
  receiveDate: RECEIVED,
  expireDate: EXPIRES,
  template: TEMPLATE,
  sender: SENDER,
  scope: 'inbox',
};

/** Runs one rule on a filter spec and the sample envelope with `overrides`. For specs only. */
export function applyRule(rule: EnvelopeRule, filter: EnvelopeFilterSpec, overrides: Partial<EnvelopeFacts> = {}): boolean {
  return rule(compileEnvelopeFilter(filter), prepareEnvelope({ ...ENVELOPE, ...overrides }));
}
