import type { DeliveryStore } from './ports/delivery-store.port';

/**
 * After a failed publish: hands the rows back to the scheduler (due now, no job), tenant by tenant as the
 * store's writes are scoped. Best effort — if even this fails, their lease runs out and the scheduler's
 * lost-job recovery finds them.
 */
export async function unqueueAll(store: Pick<DeliveryStore, 'unqueue'>, rows: ReadonlyArray<{ tenantId: string; id: string }>, now: number): Promise<void> {
  const byTenant = new Map<string, string[]>();
  for (const row of rows) byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), row.id]);
  for (const [tenantId, ids] of byTenant) await store.unqueue(tenantId, ids, now).catch(() => undefined);
}
