import { LookupRewriter } from './lookup-rewriter';

const MARKER = 'x-hookrelay-original-method: LOOKUP\r\n';
const FORGED = 'X-HookRelay-Original-Method: LOOKUP\r\n';
const SMUGGLED = 'LOOKUP /x HTTP/1.1\r\nHost: evil\r\n\r\n';

interface Case {
  name: string;
  input: string | string[];
  expected: string;
  /** Substring of the fallback reason; absent means rewriting must still be on after the input. */
  fallback?: string;
  maxHeaderBytes?: number;
}

function rewrite(chunks: Buffer[], maxHeaderBytes = 64 * 1024): { output: string; fallback: string | null } {
  const rewriter = new LookupRewriter({ maxHeaderBytes });
  const parts = chunks.map((chunk) => rewriter.push(chunk));
  parts.push(rewriter.end());
  return { output: Buffer.concat(parts).toString('latin1'), fallback: rewriter.fallbackReason };
}

function every(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

function pseudoRandomSplit(bytes: Buffer, seed: number): Buffer[] {
  const chunks: Buffer[] = [];
  let state = seed;
  for (let at = 0; at < bytes.length; ) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const size = 1 + (state % 11);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

// Framing must not depend on how TCP happens to cut the stream: each case runs under all of these.
const SPLITS: Array<[string, (input: string | string[]) => Buffer[]]> = [
  ['as written', (input) => (Array.isArray(input) ? input : [input]).map((part) => Buffer.from(part, 'latin1'))],
  ['one byte per write', (input) => every(joined(input), 1)],
  ['three bytes per write', (input) => every(joined(input), 3)],
  ['pseudo-random writes', (input) => pseudoRandomSplit(joined(input), 7)],
];

function joined(input: string | string[]): Buffer {
  return Buffer.from(Array.isArray(input) ? input.join('') : input, 'latin1');
}

const CASES: Case[] = [
  {
    name: 'single LOOKUP',
    input: 'LOOKUP /rest/v1/service/integration_points HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\n"ab"',
    expected: `SEARCH /rest/v1/service/integration_points HTTP/1.1\r\n${MARKER}Host: a\r\nContent-Length: 4\r\n\r\n"ab"`,
  },
  {
    name: 'LOOKUP without headers (HTTP/0.9-style line, accepted by llhttp)',
    input: 'LOOKUP /a\r\n\r\n',
    expected: `SEARCH /a\r\n${MARKER}\r\n`,
  },
  { name: 'GET untouched', input: 'GET /a HTTP/1.1\r\nHost: a\r\n\r\n', expected: 'GET /a HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'genuine SEARCH untouched', input: 'SEARCH /a HTTP/1.1\r\nHost: a\r\n\r\n', expected: 'SEARCH /a HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'LOOKUPX not rewritten', input: 'LOOKUPX /a HTTP/1.1\r\nHost: a\r\n\r\n', expected: 'LOOKUPX /a HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'LOOKU not rewritten', input: 'LOOKU /a HTTP/1.1\r\nHost: a\r\n\r\n', expected: 'LOOKU /a HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'lower-case lookup not rewritten', input: 'lookup /a HTTP/1.1\r\n\r\n', expected: 'lookup /a HTTP/1.1\r\n\r\n' },
  { name: 'LOOKUP followed by a tab not rewritten', input: 'LOOKUP\t/a HTTP/1.1\r\n\r\n', expected: 'LOOKUP\t/a HTTP/1.1\r\n\r\n' },
  {
    name: 'pipelined pair, and a GET between LOOKUPs',
    input: 'LOOKUP /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\nLOOKUP /c HTTP/1.1\r\nHost: a\r\n\r\n',
    expected: `SEARCH /a HTTP/1.1\r\n${MARKER}Host: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\nSEARCH /c HTTP/1.1\r\n${MARKER}Host: a\r\n\r\n`,
  },
  {
    name: 'empty lines before a request line are skipped, as llhttp does',
    input: '\r\n\n\rLOOKUP /a HTTP/1.1\r\n\r\n',
    expected: `\r\n\n\rSEARCH /a HTTP/1.1\r\n${MARKER}\r\n`,
  },
  {
    name: 'Content-Length body containing a request line is untouched',
    input: `POST /a HTTP/1.1\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}LOOKUP /b HTTP/1.1\r\n\r\n`,
    expected: `POST /a HTTP/1.1\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}SEARCH /b HTTP/1.1\r\n${MARKER}\r\n`,
  },
  {
    name: 'LOOKUP with a body that is itself a LOOKUP request',
    input: `LOOKUP /a HTTP/1.1\r\ncontent-length:   ${SMUGGLED.length}  \r\n\r\n${SMUGGLED}`,
    expected: `SEARCH /a HTTP/1.1\r\n${MARKER}content-length:   ${SMUGGLED.length}  \r\n\r\n${SMUGGLED}`,
  },
  {
    name: 'Content-Length: 0 and leading zeros',
    input: 'POST /a HTTP/1.1\r\nContent-Length: 0\r\n\r\nLOOKUP /b HTTP/1.1\r\nContent-Length: 003\r\n\r\nabcLOOKUP /c HTTP/1.1\r\n\r\n',
    expected: `POST /a HTTP/1.1\r\nContent-Length: 0\r\n\r\nSEARCH /b HTTP/1.1\r\n${MARKER}Content-Length: 003\r\n\r\nabcSEARCH /c HTTP/1.1\r\n${MARKER}\r\n`,
  },
  {
    name: 'chunked body containing a request line is untouched, chunk split across writes',
    input: [
      'LOOKUP /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n',
      `${(SMUGGLED.length + 2).toString(16)}\r\n${SMUGGLED.slice(0, 10)}`,
      `${SMUGGLED.slice(10)}\r\n\r\n0\r\n\r\nLOOKUP /b HTTP/1.1\r\n\r\n`,
    ],
    expected:
      `SEARCH /a HTTP/1.1\r\n${MARKER}Transfer-Encoding: chunked\r\n\r\n${(SMUGGLED.length + 2).toString(16)}\r\n${SMUGGLED}\r\n\r\n0\r\n\r\n` +
      `SEARCH /b HTTP/1.1\r\n${MARKER}\r\n`,
  },
  {
    name: 'chunk extensions (quoted, with CRLF-like text), upper-case hex, leading zeros',
    input: 'POST /a HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n00A;name="v;\\"x";y=z\r\n0123456789\r\n0;last\r\n\r\nLOOKUP /b HTTP/1.1\r\n\r\n',
    expected: `POST /a HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n00A;name="v;\\"x";y=z\r\n0123456789\r\n0;last\r\n\r\nSEARCH /b HTTP/1.1\r\n${MARKER}\r\n`,
  },
  {
    name: 'trailers, including one that looks like a request line and a forged marker (trailers are body, untouched)',
    input: `POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: LOOKUP /x HTTP/1.1\r\n${FORGED}\r\nLOOKUP /b HTTP/1.1\r\n\r\n`,
    expected: `POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: LOOKUP /x HTTP/1.1\r\n${FORGED}\r\nSEARCH /b HTTP/1.1\r\n${MARKER}\r\n`,
  },
  {
    name: 'transfer codings split over two fields, as llhttp combines them',
    input: 'POST /a HTTP/1.1\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nL\r\n0\r\n\r\nLOOKUP /b HTTP/1.1\r\n\r\n',
    expected: `POST /a HTTP/1.1\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nL\r\n0\r\n\r\nSEARCH /b HTTP/1.1\r\n${MARKER}\r\n`,
  },
  {
    name: 'client-sent marker stripped from a genuine SEARCH, a GET and a LOOKUP',
    input: `SEARCH /a HTTP/1.1\r\n${FORGED}Host: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\nx-hookrelay-original-method:LOOKUP\r\n\r\nLOOKUP /c HTTP/1.1\r\n${FORGED}\r\n`,
    expected: `SEARCH /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\nSEARCH /c HTTP/1.1\r\n${MARKER}\r\n`,
  },
  {
    name: 'marker with a huge run of leading whitespace is still stripped (llhttp does not count it)',
    input: `SEARCH /a HTTP/1.1\r\nx-hookrelay-original-method:${' '.repeat(300)}LOOKUP\r\n\r\n`,
    expected: 'SEARCH /a HTTP/1.1\r\n\r\n',
    maxHeaderBytes: 64,
  },
  {
    name: 'other headers with names close to the marker are kept',
    input: 'GET /a HTTP/1.1\r\nx-hookrelay-original-methods: LOOKUP\r\nx-hookrelay-original: a\r\n\r\n',
    expected: 'GET /a HTTP/1.1\r\nx-hookrelay-original-methods: LOOKUP\r\nx-hookrelay-original: a\r\n\r\n',
  },
  {
    name: 'header section split across writes',
    input: ['LOO', 'KUP /a HT', 'TP/1.1\r', '\nHo', 'st: a\r\nContent-Len', 'gth: 2\r\n\r', '\nokGET / HTTP/1.1\r\n\r\n'],
    expected: `SEARCH /a HTTP/1.1\r\n${MARKER}Host: a\r\nContent-Length: 2\r\n\r\nokGET / HTTP/1.1\r\n\r\n`,
  },
  {
    name: 'Upgrade without a Connection: upgrade token is an ordinary request (llhttp keeps parsing)',
    input: 'GET /a HTTP/1.1\r\nUpgrade: websocket\r\n\r\nLOOKUP /b HTTP/1.1\r\n\r\n',
    expected: `GET /a HTTP/1.1\r\nUpgrade: websocket\r\n\r\nSEARCH /b HTTP/1.1\r\n${MARKER}\r\n`,
  },
  {
    name: 'a cut-off stream hands back what was held, unchanged',
    input: 'GET / HTTP/1.1\r\n\r\nLOOK',
    expected: 'GET / HTTP/1.1\r\n\r\nLOOK',
  },
  // Ambiguous input: the rest of the connection passes through unchanged (llhttp rejects it or stops parsing HTTP).
  {
    name: 'both Content-Length and Transfer-Encoding',
    input: `POST /a HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${SMUGGLED}`,
    expected: `POST /a HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${SMUGGLED}`,
    fallback: 'both Content-Length and Transfer-Encoding',
  },
  {
    name: 'repeated Content-Length',
    input: `POST /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx${SMUGGLED}`,
    expected: `POST /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx${SMUGGLED}`,
    fallback: 'repeated Content-Length',
  },
  {
    name: 'malformed Content-Length',
    input: `POST /a HTTP/1.1\r\nContent-Length: +1\r\n\r\nx${SMUGGLED}`,
    expected: `POST /a HTTP/1.1\r\nContent-Length: +1\r\n\r\nx${SMUGGLED}`,
    fallback: 'Content-Length',
  },
  {
    name: 'Transfer-Encoding not ending in chunked',
    input: `POST /a HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n${SMUGGLED}`,
    expected: `POST /a HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n${SMUGGLED}`,
    fallback: 'Transfer-Encoding',
  },
  {
    name: 'Upgrade with Connection: upgrade (the rest belongs to another protocol)',
    input: `GET /ws HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n${SMUGGLED}`,
    expected: `GET /ws HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n${SMUGGLED}`,
    fallback: 'Upgrade',
  },
  {
    name: 'CONNECT',
    input: `CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n${SMUGGLED}`,
    expected: `CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n${SMUGGLED}`,
    fallback: 'CONNECT',
  },
  {
    name: 'obsolete line folding',
    input: `GET /a HTTP/1.1\r\nX-A: 1\r\n ${FORGED}\r\n${SMUGGLED}`,
    expected: `GET /a HTTP/1.1\r\nX-A: 1\r\n ${FORGED}\r\n${SMUGGLED}`,
    fallback: 'folding',
  },
  {
    name: 'space before the colon',
    input: `GET /a HTTP/1.1\r\nHost : a\r\n\r\n${SMUGGLED}`,
    expected: `GET /a HTTP/1.1\r\nHost : a\r\n\r\n${SMUGGLED}`,
    fallback: 'malformed header name',
  },
  {
    name: 'bare LF line endings',
    input: `GET /a HTTP/1.1\r\nHost: a\n\n${SMUGGLED}`,
    expected: `GET /a HTTP/1.1\r\nHost: a\n\n${SMUGGLED}`,
    fallback: 'bare LF',
  },
  {
    name: 'a malformed forged marker is handed to the parser to reject, not silently dropped',
    input: `SEARCH /a HTTP/1.1\r\n${FORGED.slice(0, -2)}\n\r\n`,
    expected: 'SEARCH /a HTTP/1.1\r\nX-HookRelay-Original-Method:LOOKUP\n\r\n',
    fallback: 'bare LF',
  },
  {
    name: 'header name longer than the limit',
    input: `GET /a HTTP/1.1\r\n${'X'.repeat(100)}: a\r\n\r\n${SMUGGLED}`,
    expected: `GET /a HTTP/1.1\r\n${'X'.repeat(100)}: a\r\n\r\n${SMUGGLED}`,
    fallback: 'header name too long',
    maxHeaderBytes: 64,
  },
  {
    name: 'Content-Length value longer than the limit',
    input: `POST /a HTTP/1.1\r\nContent-Length: 1${' '.repeat(100)}\r\n\r\nx${SMUGGLED}`,
    expected: `POST /a HTTP/1.1\r\nContent-Length: 1${' '.repeat(100)}\r\n\r\nx${SMUGGLED}`,
    fallback: 'header value too long',
    maxHeaderBytes: 64,
  },
  {
    name: 'malformed chunk size',
    input: `POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n${SMUGGLED}`,
    expected: `POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n${SMUGGLED}`,
    fallback: 'malformed chunk size',
  },
  {
    name: 'chunk data not followed by CRLF',
    input: `POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n${SMUGGLED}`,
    expected: `POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n${SMUGGLED}`,
    fallback: 'chunk data not followed by CRLF',
  },
  {
    name: 'chunk size too large to follow',
    input: `POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\n${SMUGGLED}`,
    expected: `POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\n${SMUGGLED}`,
    fallback: 'chunk size too large',
  },
];

describe('LookupRewriter', () => {
  describe.each(SPLITS)('%s', (_split, split) => {
    it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const { output, fallback } = rewrite(split(c.input), c.maxHeaderBytes);
      expect(output).toBe(c.expected);
      if (c.fallback === undefined) expect(fallback).toBeNull();
      else expect(fallback).toContain(c.fallback);
    });
  });

  it('keeps following a long keep-alive connection (1000 mixed requests)', () => {
    const requests = Array.from({ length: 1000 }, (_, i) =>
      i % 3 === 0 ? `LOOKUP /${i} HTTP/1.1\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}` : `GET /${i} HTTP/1.1\r\n\r\n`,
    );
    const { output, fallback } = rewrite(pseudoRandomSplit(joined(requests), 3));
    expect(fallback).toBeNull();
    expect(output.match(/^SEARCH \/\d+ HTTP\/1\.1\r\nx-hookrelay-original-method: LOOKUP\r\n/gm)).toHaveLength(334);
    expect(output.split(SMUGGLED)).toHaveLength(335);
  });

  it('refuses a nonsensical limit', () => {
    expect(() => new LookupRewriter({ maxHeaderBytes: 0 })).toThrow(RangeError);
  });
});
