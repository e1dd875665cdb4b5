import { afterEach, beforeEach, describe } from '@jest/globals';
import {
  AttemptRow, DeliveryApplicationState, DeliveryCloseReason, DeliveryRowState, DeliveryStore,
} from '../../lib/core/ports/delivery-store.port';
import { registerCredentialsContract } from './delivery-store-credentials.contract';
import { registerHotPathContract } from './delivery-store-hot-path.contract';
import { registerOperationalEventsContract } from './delivery-store-operational-events.contract';
import { registerRetentionContract } from './delivery-store-retention.contract';
import { registerSchedulerContract } from './delivery-store-scheduler.contract';
import { registerTargetsContract } from './delivery-store-targets.contract';

/** The columns of a deliveries row that the port never returns but the contract checks. */
export interface PeekedDelivery {
  state: DeliveryRowState;
  applicationState: DeliveryApplicationState;
  closeReason: DeliveryCloseReason | null;
  attempts: number;
  url: string;
  nextAttemptAt: number | null;
  wakeAt: number | null;
  queued: number;
  version: number;
  closedAt: number | null;
  updatedAt: number;
}

/** Reads the stored rows behind the store's back (a plain connection for the SQL stores). */
export interface DeliveryStorePeek {
  delivery(id: string): Promise<PeekedDelivery | null>;
  attempts(deliveryId: string): Promise<AttemptRow[]>;
}

export interface DeliveryStoreContractSubject {
  /** A store over an empty database. */
  store: DeliveryStore;
  peek: DeliveryStorePeek;
  /** Another store on the same database (standing in for another process); defaults to `store` itself. */
  openAnother?: () => Promise<DeliveryStore>;
  /** Called after the stores are closed. */
  dispose?: () => Promise<void>;
}

/** What each contract test gets: a fresh subject, plus every extra store it opened (closed after the test). */
export interface ContractContext {
  store: DeliveryStore;
  peek: DeliveryStorePeek;
  another(): Promise<DeliveryStore>;
}

/**
 * The DeliveryStore behaviour every implementation must show, as the port documents it. Registers jest
 * tests; `makeSubject` is called before each test and must return a store over an EMPTY database.
 */
export function describeDeliveryStoreContract(name: string, makeSubject: () => Promise<DeliveryStoreContractSubject>): void {
  describe(`DeliveryStore contract: ${name}`, () => {
    let subject: DeliveryStoreContractSubject | null = null;
    let extra: DeliveryStore[] = [];
    const ctx = (): ContractContext => {
      if (!subject) throw new Error('contract subject not ready');
      const s = subject;
      return {
        store: s.store,
        peek: s.peek,
        another: async () => {
          if (!s.openAnother) return s.store;
          const store = await s.openAnother();
          extra.push(store);
          return store;
        },
      };
    };

    beforeEach(async () => {
      subject = await makeSubject();
    });

    afterEach(async () => {
      const closing = extra;
      extra = [];
      await Promise.all(closing.map((store) => store.close()));
      await subject?.store.close();
      await subject?.dispose?.();
      subject = null;
    });

    registerHotPathContract(ctx);
    registerSchedulerContract(ctx);
    registerTargetsContract(ctx);
    registerCredentialsContract(ctx);
    registerRetentionContract(ctx);
    registerOperationalEventsContract(ctx);
  });
}
