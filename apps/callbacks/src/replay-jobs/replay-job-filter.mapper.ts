import { ReplayJobFilterView } from '@hookrelay/contracts';
import { DeliveryFilter } from '@hookrelay/filtering';

/** The filter in its stored form: the wire names, times as epoch ms (parseDeliveryFilter reads it back). */
export function toStoredReplayFilter(filter: DeliveryFilter): Record<string, string | number> {
  const stored: Record<string, string | number | undefined> = {
    state: filter.state, application_state: filter.applicationState, source: filter.source, close_reason: filter.closeReason,
    subscription_id: filter.subscriptionId, id: filter.id, created_from: filter.createdFrom, created_to: filter.createdTo,
  };
  return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, string | number] => entry[1] !== undefined));
}

/** The filter as the API shows a job's: ISO times, and the snapshot bound as created_to. */
export function toReplayFilterView(stored: Record<string, string | number>, createdTo: Date): ReplayJobFilterView {
  const view: Record<string, string> = {};
  for (const [name, value] of Object.entries(stored)) view[name] = name === 'created_from' ? new Date(Number(value)).toISOString() : String(value);
  return { ...view, created_to: createdTo.toISOString() };
}
