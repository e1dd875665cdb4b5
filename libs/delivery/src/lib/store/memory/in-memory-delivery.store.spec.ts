import { describeDeliveryStoreContract } from '../../../testing/store-contract/delivery-store.contract';
import { InMemoryDeliveryStore } from './in-memory-delivery.store';

describeDeliveryStoreContract('in memory', async () => {
  const store = new InMemoryDeliveryStore();
  return {
    store,
    peek: {
      delivery: async (id) => {
        const row = store.row(id);
        if (!row) return null;
        const { state, applicationState, closeReason, attempts, url, nextAttemptAt, wakeAt, queued, version, closedAt, updatedAt } = row;
        return { state, applicationState, closeReason, attempts, url, nextAttemptAt, wakeAt, queued, version, closedAt, updatedAt };
      },
      attempts: async (deliveryId) => store.attempts(deliveryId),
    },
  };
});
