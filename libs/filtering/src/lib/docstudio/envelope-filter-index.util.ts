import { CompiledEnvelopeFilter, PreparedEnvelope } from './docstudio-envelope.types';
import { matchesEnvelopeFilter } from './matches-envelope-filter.util';

/** A compiled filter and what it belongs to (a callback, typically). */
export interface IndexedEnvelopeFilter<T> {
  readonly target: T;
  readonly filter: CompiledEnvelopeFilter;
}

/**
 * Single-valued envelope facts a filter can be filed under, most selective first: an envelope has one
 * template, one sender, one status and one scope, so each filed filter is looked at most once per event.
 */
const KEY_PARTS = ['template', 'sender', 'status', 'scope'] as const;
type KeyPart = (typeof KEY_PARTS)[number];

interface Slot<T> {
  readonly ordinal: number;
  readonly target: T;
  readonly filter: CompiledEnvelopeFilter;
}

/**
 * The filters of one mailbox, indexed so an event is matched without scanning them all: each filter is
 * filed under every value of its most selective any-of part (template, else sender, else status, else
 * scope); filters with none of those are always candidates. `match` probes one bucket per part with the
 * envelope's own value, then checks each candidate against its whole filter. Immutable: rebuild it when
 * the mailbox's callbacks change.
 */
export class EnvelopeFilterIndex<T> {
  readonly size: number;
  private readonly buckets: Readonly<Record<KeyPart, Map<string, Slot<T>[]>>> = {
    template: new Map(), sender: new Map(), status: new Map(), scope: new Map(),
  };
  private readonly unkeyed: Slot<T>[] = [];

  constructor(filters: readonly IndexedEnvelopeFilter<T>[]) {
    this.size = filters.length;
    filters.forEach(({ target, filter }, ordinal) => {
      const slot: Slot<T> = { ordinal, target, filter };
      const part = KEY_PARTS.find((candidate) => filter[candidate] !== null);
      if (part === undefined) {
        this.unkeyed.push(slot);
        return;
      }
      const bucket = this.buckets[part];
      for (const value of filter[part]!) {
        const slots = bucket.get(value);
        if (slots) slots.push(slot);
        else bucket.set(value, [slot]);
      }
    });
  }

  /** The targets whose filter the envelope passes, in the order the filters were given. */
  match(envelope: PreparedEnvelope): T[] {
    const hits: Slot<T>[] = [];
    let sources = 0;
    sources += collect(this.unkeyed, envelope, hits);
    sources += collect(this.buckets.template.get(envelope.template), envelope, hits);
    sources += collect(this.buckets.sender.get(envelope.sender), envelope, hits);
    sources += collect(this.buckets.status.get(envelope.status), envelope, hits);
    sources += collect(this.buckets.scope.get(envelope.scope), envelope, hits);
    // Each list is in order already; only hits from several lists need merging.
    if (sources > 1) hits.sort((a, b) => a.ordinal - b.ordinal);
    const targets = new Array<T>(hits.length);
    for (let i = 0; i < hits.length; i++) targets[i] = hits[i]!.target;
    return targets;
  }
}

/** Adds the slots whose whole filter the envelope passes; 1 if any did, else 0. */
function collect<T>(slots: readonly Slot<T>[] | undefined, envelope: PreparedEnvelope, hits: Slot<T>[]): number {
  if (slots === undefined) return 0;
  const before = hits.length;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    if (matchesEnvelopeFilter(slot.filter, envelope)) hits.push(slot);
  }
  return hits.length > before ? 1 : 0;
}
