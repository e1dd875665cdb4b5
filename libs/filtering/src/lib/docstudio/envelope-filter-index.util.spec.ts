import { ENVELOPE, OTHER_UUID, SENDER, TEMPLATE } from '../../testing/docstudio-envelope.fixture';
import { compileEnvelopeFilter } from './compile-envelope-filter.util';
import { EnvelopeFacts, EnvelopeFilterSpec } from './docstudio-envelope.types';
import { EnvelopeFilterIndex } from './envelope-filter-index.util';
import { matchesEnvelopeFilter } from './matches-envelope-filter.util';
import { prepareEnvelope } from './prepare-envelope.util';

const FILTERS: Array<[string, EnvelopeFilterSpec]> = [
  ['everything', {}],
  ['by template', { template: [TEMPLATE.toUpperCase()], status: ['WAITING', 'COMPLETED'] }],
  ['other template', { template: [OTHER_UUID] }],
  ['by sender', { sender: [OTHER_UUID, SENDER] }],
  ['by status', { status: ['completed'], subject: 'договір' }],
  ['waiting only', { status: ['WAITING'] }],
  ['by scope', { scope: ['outbox'] }],
  ['by label', { label: ['hr'] }],
];

const indexOf = (filters: Array<[string, EnvelopeFilterSpec]>): EnvelopeFilterIndex<string> =>
  new EnvelopeFilterIndex(filters.map(([target, spec]) => ({ target, filter: compileEnvelopeFilter(spec) })));

describe('EnvelopeFilterIndex', () => {
  const index = indexOf(FILTERS);

  it.each<[string, Partial<EnvelopeFacts>, string[]]>([
    ['the sample envelope', {}, ['everything', 'by template', 'by sender', 'by status', 'by label']],
    ['another status', { status: 'waiting' }, ['everything', 'by template', 'by sender', 'waiting only', 'by label']],
    ['another template and sender', { template: OTHER_UUID, sender: OTHER_UUID }, ['everything', 'other template', 'by sender', 'by status', 'by label']],
    ['outbox, no labels, expired', { scope: 'OUTBOX', label: [], status: 'EXPIRED' }, ['everything', 'by sender', 'by scope']],
  ])('%s → the same targets as a full scan, in order', (_name, overrides, expected) => {
    const envelope = prepareEnvelope({ ...ENVELOPE, ...overrides });
    expect(index.match(envelope)).toEqual(expected);
    expect(FILTERS.filter(([, spec]) => matchesEnvelopeFilter(compileEnvelopeFilter(spec), envelope)).map(([name]) => name)).toEqual(expected);
  });

  it('agrees with a full scan on random filters and envelopes', () => {
    let seed = 42;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <V>(values: readonly V[]): V => values[Math.floor(random() * values.length)]!;
    const some = <V>(values: readonly V[]): V[] | undefined => (random() < 0.5 ? undefined : values.filter(() => random() < 0.5));
    const uuids = ['a', 'b', 'c', 'd'].map((c) => `${c.repeat(8)}-0000-4000-8000-000000000000`);
    const statuses = ['WAITING', 'COMPLETED', 'CANCELLED', 'EXPIRED'];
    const specs: Array<[string, EnvelopeFilterSpec]> = Array.from({ length: 300 }, (_, i) => [
      `f${i}`,
      { template: some(uuids), sender: some(uuids), status: some(statuses), scope: some(['inbox', 'outbox']), label: some(['x', 'y', 'z']), subject: random() < 0.2 ? 'а' : undefined },
    ]);
    const random300 = indexOf(specs);
    for (let i = 0; i < 500; i++) {
      const envelope = prepareEnvelope({
        ...ENVELOPE, template: pick(uuids), sender: pick(uuids), status: pick(statuses), scope: pick(['inbox', 'outbox']), label: some(['x', 'y', 'z']) ?? [], subject: pick(['абв', 'xyz']),
      });
      const scanned = specs.filter(([, spec]) => matchesEnvelopeFilter(compileEnvelopeFilter(spec), envelope)).map(([name]) => name);
      expect(random300.match(envelope)).toEqual(scanned);
    }
  });

  it('is empty without filters', () => {
    expect(indexOf([]).match(prepareEnvelope(ENVELOPE))).toEqual([]);
    expect(indexOf([]).size).toBe(0);
  });
});
