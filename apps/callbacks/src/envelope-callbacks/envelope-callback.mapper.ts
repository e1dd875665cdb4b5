import { EnvelopeCallbackFilterInput, EnvelopeCallbackView, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { parseEnvelopeTimestamp } from '@hookrelay/filtering';
import { EnvelopeCallbackEntity, StoredEnvelopeFilter } from '@hookrelay/persistence';

/** Keeps only the filter parts that were set; normalised dates (ISO, UTC) so matching compares like with like. */
export function toStoredFilter(filter: EnvelopeCallbackFilterInput): StoredEnvelopeFilter {
  const stored: StoredEnvelopeFilter = {};
  if (filter.label) stored.label = filter.label;
  if (filter.status) stored.status = filter.status;
  if (filter.subject !== undefined) stored.subject = filter.subject;
  for (const key of ['receiveDateFrom', 'receiveDateTo', 'expireDateFrom', 'expireDateTo'] as const) {
    const value = filter[key];
    if (!value) continue;
    // The contract checked the shape; an impossible calendar date (2023-02-30) is caught here. Read
    // strictly (no zone = UTC), as envelope dates are, never by the lenient Date constructor.
    const millis = parseEnvelopeTimestamp(value);
    if (millis === null) throw new ServiceException(ServiceErrorCode.BadRequest, `filter.${key} is not a valid date`);
    stored[key] = new Date(millis).toISOString();
  }
  if (filter.template) stored.template = filter.template;
  if (filter.sender) stored.sender = filter.sender;
  if (filter.scope) stored.scope = filter.scope;
  return stored;
}

/** DocStudio EnvelopeCallbackDTO: unset filter parts are null; login/password never leave the service. */
export function toEnvelopeCallbackView(entity: EnvelopeCallbackEntity): EnvelopeCallbackView {
  const f = entity.filter;
  return {
    id: entity.id,
    filter: {
      label: f.label ?? null,
      status: (f.status as EnvelopeCallbackView['filter']['status']) ?? null,
      subject: f.subject ?? null,
      receiveDateFrom: f.receiveDateFrom ?? null,
      receiveDateTo: f.receiveDateTo ?? null,
      expireDateFrom: f.expireDateFrom ?? null,
      expireDateTo: f.expireDateTo ?? null,
      template: f.template ?? null,
      sender: f.sender ?? null,
      scope: (f.scope as EnvelopeCallbackView['filter']['scope']) ?? null,
    },
    url: entity.url,
    retries: entity.retries,
    timeout: entity.timeoutMs,
    successCode: entity.successCode,
    authType: entity.passwordSealed !== null || entity.login !== null ? 'BASIC' : 'NONE',
  };
}
