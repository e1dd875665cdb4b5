// The public surface of @hookrelay/filtering: every query language of the product, as pure functions.
export { FilterSyntaxError } from './lib/filter-syntax.error';
export type { FilterQueryParam } from './lib/filter-syntax.error';
export type { SortDirection } from './lib/shared/sort-direction.types';
export type { LimitBounds } from './lib/shared/parse-limit.parser';
export { parseLimit } from './lib/shared/parse-limit.parser';
export { parseOffset } from './lib/shared/parse-offset.parser';

// Incoplax/Era collections (integration points)
export type {
  IncoplaxCollectionSchema,
  IncoplaxCondition,
  IncoplaxItemQuery,
  IncoplaxOrderItem,
  IncoplaxQuery,
  IncoplaxRawItemQuery,
  IncoplaxRawQuery,
  IncoplaxScalar,
  IncoplaxValueKind,
} from './lib/incoplax/incoplax-query.types';
export { INCOPLAX_INTEGRATION_POINT_SCHEMA } from './lib/incoplax/incoplax-integration-point.schema';
export { parseIncoplaxQuery } from './lib/incoplax/parse-incoplax-query.parser';
export { parseIncoplaxItemQuery } from './lib/incoplax/parse-incoplax-item-query.parser';
export { parseIncoplaxFilter } from './lib/incoplax/parse-incoplax-filter.parser';
export { parseIncoplaxMask } from './lib/incoplax/parse-incoplax-mask.parser';
export { parseIncoplaxOrder } from './lib/incoplax/parse-incoplax-order.parser';
export { parseIncoplaxFlat } from './lib/incoplax/parse-incoplax-flat.parser';
export { applyIncoplaxMask } from './lib/incoplax/apply-incoplax-mask.util';
export { flattenObject } from './lib/incoplax/flatten-object.util';

// Conpeek list endpoints (GET /callback)
export type {
  ConpeekCallbackQuery,
  ConpeekCondition,
  ConpeekDateSpan,
  ConpeekOperator,
  ConpeekPropertySpec,
  ConpeekQuerySchema,
  ConpeekRawQuery,
  ConpeekScalar,
  ConpeekSort,
} from './lib/conpeek/conpeek-query.types';
export { CONPEEK_CALLBACK_QUERY_SCHEMA } from './lib/conpeek/conpeek-callback-query.schema';
export { parseConpeekCallbackQuery } from './lib/conpeek/parse-conpeek-callback-query.parser';
export { parseConpeekFilter } from './lib/conpeek/parse-conpeek-filter.parser';
export { parseConpeekSort } from './lib/conpeek/parse-conpeek-sort.parser';
export { formatConpeekDate } from './lib/conpeek/format-conpeek-date.util';
export { parseConpeekDate } from './lib/conpeek/parse-conpeek-date.util';
export { conpeekDateRange } from './lib/conpeek/conpeek-date-range.util';
export type { ConpeekInstantRange } from './lib/conpeek/conpeek-date-range.util';

// DocStudio envelope callback filters (matching envelopes against callbacks)
export type {
  CompiledEnvelopeFilter,
  EnvelopeFacts,
  EnvelopeFilterSpec,
  EnvelopeMatch,
  EnvelopeRule,
  FailedEnvelopeParts,
  PreparedEnvelope,
} from './lib/docstudio/docstudio-envelope.types';
export type { IndexedEnvelopeFilter } from './lib/docstudio/envelope-filter-index.util';
export { parseEnvelopeTimestamp } from './lib/docstudio/parse-envelope-timestamp.util';
export { compileEnvelopeFilter } from './lib/docstudio/compile-envelope-filter.util';
export { prepareEnvelope } from './lib/docstudio/prepare-envelope.util';
export { matchesEnvelopeFilter } from './lib/docstudio/matches-envelope-filter.util';
export { matchEnvelope } from './lib/docstudio/match-envelope.util';
export { EnvelopeFilterIndex } from './lib/docstudio/envelope-filter-index.util';

// Hookrelay's delivery log and bulk replay jobs (GET /hookrelay/v1/deliveries, POST /hookrelay/v1/replays)
export { DELIVERY_FILTER_VALUES } from './lib/deliveries/delivery-filter.types';
export type {
  DeliveryCursor,
  DeliveryFilter,
  DeliveryFilterApplicationState,
  DeliveryFilterCloseReason,
  DeliveryFilterSource,
  DeliveryFilterState,
} from './lib/deliveries/delivery-filter.types';
export { parseDeliveryFilter } from './lib/deliveries/parse-delivery-filter.parser';
export { DELIVERY_LOG_LIMITS, parseDeliveryLogQuery } from './lib/deliveries/parse-delivery-log-query.parser';
export type { DeliveryLogQuery } from './lib/deliveries/parse-delivery-log-query.parser';
export { decodeDeliveryCursor, encodeDeliveryCursor } from './lib/deliveries/delivery-cursor.codec';
