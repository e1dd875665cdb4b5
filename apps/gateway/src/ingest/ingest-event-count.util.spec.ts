import { envelopeEvents, oneEvent } from './ingest-event-count.util';

describe('ingest event counts', () => {
  it.each<[string, unknown, number]>([
    ['one envelope', { uuid: 'x' }, 1],
    ['a batch of three', [{}, {}, {}], 3],
    ['the largest batch', Array.from({ length: 1000 }, () => ({})), 1000],
    ['a batch the service refuses as too large', Array.from({ length: 1001 }, () => ({})), 1],
    ['an empty batch', [], 1],
    ['not JSON at all', undefined, 1],
  ])('envelope events: %s → %d', (_name, body, expected) => {
    expect(envelopeEvents(body)).toBe(expected);
  });

  it('an application event is one event whatever its body', () => {
    expect(oneEvent([{}, {}])).toBe(1);
  });
});
