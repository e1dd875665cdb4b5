import { DeliveryCursor, DeliveryFilter } from '@hookrelay/filtering';
import { DeliveryKeysetQuery } from '@hookrelay/persistence';

/** The parsed delivery-log filter as the store's keyset query (the list and the replay runner share it). */
export function toDeliveryKeysetQuery(filter: DeliveryFilter, before: DeliveryCursor | null, limit: number): DeliveryKeysetQuery {
  return { ...filter, before, limit };
}
