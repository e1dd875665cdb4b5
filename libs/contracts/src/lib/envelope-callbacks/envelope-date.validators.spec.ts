import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { IsEnvelopeDate, IsEnvelopeIsoDate } from './envelope-date.validators';

class Dated {
  @IsEnvelopeDate() at!: unknown;
}

class Bounded {
  @IsEnvelopeIsoDate() from!: unknown;
}

const accepts = (Target: new () => object, key: string, value: unknown): boolean =>
  validateSync(Object.assign(new Target(), { [key]: value })).length === 0;

describe('IsEnvelopeDate', () => {
  it.each<[unknown, boolean]>([
    [0, true],
    [1676039226765, true],
    [8.64e15, true],
    [8.64e15 + 1, false],
    [Number.MAX_SAFE_INTEGER, false],
    [-1, false],
    [1.5, false],
    ['2023-02-16T12:34:26.606Z', true],
    ['2023-02-16', true],
    ['2020-W01', false],
    ['+275761-01-01T00:00:00Z', false],
    ['1676039226765', false],
    [null, false],
  ])('%j → %s', (value, expected) => {
    expect(accepts(Dated, 'at', value)).toBe(expected);
  });
});

describe('IsEnvelopeIsoDate', () => {
  it.each<[unknown, boolean]>([
    ['2023-02-16T12:34:26.606Z', true],
    ['2023-02-16T14:34:26.606+02:00', true],
    ['2023-02-16', true],
    ['2020-W01', false],
    ['2020-W01-1', false],
    ['2020-366', false],
    ['2020-01-01T10', false],
    ['2020', false],
    [1676039226765, false],
  ])('%j → %s', (value, expected) => {
    expect(accepts(Bounded, 'from', value)).toBe(expected);
  });
});
