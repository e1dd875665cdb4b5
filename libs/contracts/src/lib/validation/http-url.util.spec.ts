import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ApplicationWebhookInput } from '../application-webhooks/application-webhook.input';
import { CreateEnvelopeCallbackInput } from '../envelope-callbacks/envelope-callback.input';
import { UpdateIntegrationPointInput } from '../integration-points/integration-point.input';
import { isHttpUrl, MAX_URL_LENGTH } from './http-url.util';

/** The review's ReDoS shape (H2): a long host-like run, then a character the old pattern could not end on. */
const redos = (length: number): string => `http://${'a'.repeat(length)} `;

describe('isHttpUrl', () => {
  it.each<[string, unknown, boolean]>([
    ['http', 'http://example.com', true],
    ['https with port, path, query, fragment', 'https://example.com:8443/a/b?c=d#e', true],
    ['upper-case scheme', 'HTTPS://EXAMPLE.COM/', true],
    ['an IP literal (judged later by the SSRF policy, not here)', 'http://127.0.0.1:9/', true],
    ['IPv6 literal', 'http://[2606:4700::1111]/', true],
    ['exactly the maximum length', `http://x.example/${'a'.repeat(MAX_URL_LENGTH - 17)}`, true],
    ['one over the maximum', `http://x.example/${'a'.repeat(MAX_URL_LENGTH - 16)}`, false],
    ['ftp', 'ftp://example.com', false],
    ['no scheme', 'example.com', false],
    ['the seed placeholder', 'string', false],
    ['no host', 'http://', false],
    ['host starts with a slash', 'http:///x', false],
    ['a space', 'http://exa mple.com', false],
    ['a trailing newline', 'http://example.com\n', false],
    ['a port out of range', 'http://example.com:99999/', false],
    ['an unclosed IPv6 literal', 'http://[::1/', false],
    ['empty', '', false],
    ['a number', 5, false],
    ['null', null, false],
  ])('%s', (_name, value, expected) => {
    expect(isHttpUrl(value)).toBe(expected);
  });

  it('takes linear time: 1 MB of the ReDoS shape is refused in well under 50 ms', () => {
    isHttpUrl(redos(10)); // warm up
    for (const length of [MAX_URL_LENGTH - 9, 1_000_000]) {
      const started = performance.now();
      expect(isHttpUrl(redos(length))).toBe(false);
      expect(performance.now() - started).toBeLessThan(50);
    }
  });
});

describe('the url field of each subscription input', () => {
  it.each<[string, new () => object, Record<string, unknown>, string]>([
    ['Conpeek webhook', ApplicationWebhookInput, { retry_enabled: 0 }, 'url must be a valid http(s) URL'],
    ['DocStudio callback', CreateEnvelopeCallbackInput, { filter: {}, retries: 0, timeout: 1000 }, 'url must be a valid http(s) URL'],
    ['Incoplax integration point', UpdateIntegrationPointInput, {}, 'url must be an http(s) URL or empty'],
  ])('%s: a 1 MB url is refused within 50 ms', (_name, input, rest, message) => {
    validateSync(plainToInstance(input, { ...rest, url: redos(10) })); // warm up
    const started = performance.now();
    const errors = validateSync(plainToInstance(input, { ...rest, url: redos(1_000_000) }));
    const elapsed = performance.now() - started;
    expect(errors.map((error) => error.property)).toEqual(['url']);
    expect(Object.values(errors[0]!.constraints ?? {})).toContain(message);
    expect(elapsed).toBeLessThan(50);
  });

  it('an Incoplax channel may have no remote url', () => {
    expect(validateSync(plainToInstance(UpdateIntegrationPointInput, { url: '' }))).toEqual([]);
  });
});
