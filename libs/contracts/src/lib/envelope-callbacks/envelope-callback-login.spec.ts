import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateEnvelopeCallbackInput } from './envelope-callback.input';

const body = (login: string): object => plainToInstance(CreateEnvelopeCallbackInput, { filter: {}, url: 'https://example.com/hook', retries: 0, timeout: 1000, login, password: 'pw' });

describe('the Basic auth login of a DocStudio callback', () => {
  it.each<[string, string, boolean]>([
    ['a plain login', 'alice', true],
    ['an e-mail and unicode', 'jörg@example.com', true],
    ['empty (a password alone)', '', true],
    ['a colon (it would move the login:password split)', 'al:ice', false],
    ['a trailing colon', 'alice:', false],
    ['a newline', 'alice\n', false],
    ['a NUL', 'al\u0000ice', false],
    ['a tab', 'al\tice', false],
    ['DEL', 'al\u007fice', false],
    ['a C1 control', 'al\u0085ice', false],
  ])('%s', (_name, login, valid) => {
    const errors = validateSync(body(login));
    if (valid) expect(errors).toEqual([]);
    else expect(errors.flatMap((error) => Object.values(error.constraints ?? {}))).toContain('login may not contain ":" or control characters (Basic auth sends login:password)');
  });
});
