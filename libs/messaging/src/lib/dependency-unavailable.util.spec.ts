import { isDependencyUnavailableError } from './dependency-unavailable.util';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('isDependencyUnavailableError', () => {
  it.each<[string, unknown, boolean]>([
    ['pool cannot connect (PostgreSQL down)', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), true],
    ['connection reset while connecting', withCode('connect ECONNRESET 127.0.0.1:5432', 'ECONNRESET'), true],
    ['connection cut mid-query (node-postgres, no code)', new Error('Connection terminated unexpectedly'), true],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect'), true],
    ['admin shutdown (57P01), wrapped by TypeORM', { name: 'QueryFailedError', message: 'terminating connection', driverError: withCode('terminating connection due to administrator command', '57P01') }, true],
    ['server starting up (57P03)', withCode('the database system is starting up', '57P03'), true],
    ['connection failure (08006) as a cause', new Error('store failed', { cause: withCode('connection failure', '08006') }), true],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300'), true],
    ['unique violation (23505) is a real error', withCode('duplicate key value violates unique constraint', '23505'), false],
    ['syntax error (42601)', withCode('syntax error at or near', '42601'), false],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')"), false],
    ['a message merely mentioning a connection', new Error('bad input: Connection terminated is not a valid name'), false],
    ['not an error', 'ECONNREFUSED', false],
    ['null', null, false],
  ])('%s → %s', (_, error, expected) => {
    expect(isDependencyUnavailableError(error)).toBe(expected);
  });
});
