/**
 * The filter of Hookrelay's own delivery log (`GET /hookrelay/v1/deliveries`) and of bulk replay jobs
 * (`POST /hookrelay/v1/replays`): one meaning for both, so a job replays exactly what the list showed.
 * The enum values are wire format: changing one breaks clients.
 */
export const DELIVERY_FILTER_VALUES = {
  state: ['OPEN', 'PROCESSING', 'CLOSED'],
  application_state: ['NEW', 'RETRY', 'RECALL', 'CLOSED'],
  source: ['envelope_callback', 'application_webhook', 'integration_point', 'operational_webhook'],
  close_reason: ['DELIVERED', 'EXHAUSTED', 'CANCELLED', 'DISABLED'],
} as const;

export type DeliveryFilterState = (typeof DELIVERY_FILTER_VALUES.state)[number];
export type DeliveryFilterApplicationState = (typeof DELIVERY_FILTER_VALUES.application_state)[number];
export type DeliveryFilterSource = (typeof DELIVERY_FILTER_VALUES.source)[number];
export type DeliveryFilterCloseReason = (typeof DELIVERY_FILTER_VALUES.close_reason)[number];

/** Every part optional, all given parts must match (AND). Times are epoch ms, both bounds inclusive. */
export interface DeliveryFilter {
  state?: DeliveryFilterState;
  applicationState?: DeliveryFilterApplicationState;
  source?: DeliveryFilterSource;
  closeReason?: DeliveryFilterCloseReason;
  subscriptionId?: string;
  id?: string;
  createdFrom?: number;
  createdTo?: number;
}

/** A keyset position in the newest-first log: the page after it starts below (createdAt, id). */
export interface DeliveryCursor {
  createdAt: number;
  id: string;
}
