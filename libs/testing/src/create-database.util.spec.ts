import { withDatabase } from './create-database.util';

describe('withDatabase', () => {
  it.each([
    ['postgres://postgres@127.0.0.1:5433/hookrelay', 'other', 'postgres://postgres@127.0.0.1:5433/other'],
    ['postgres://postgres@127.0.0.1:5433', 'x_1', 'postgres://postgres@127.0.0.1:5433/x_1'],
    ['postgres://u:p@127.0.0.1:5433/a?sslmode=disable', 'b', 'postgres://u:p@127.0.0.1:5433/b?sslmode=disable'],
    ['postgres://postgres@127.0.0.1:5433/a', 'Weird Name', 'postgres://postgres@127.0.0.1:5433/Weird%20Name'],
  ])('%s + %s -> %s', (url, database, expected) => {
    expect(withDatabase(url, database)).toBe(expected);
  });
});
