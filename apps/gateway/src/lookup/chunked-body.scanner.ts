import { CR, LF, SEMICOLON, hexDigitValue } from './http-syntax.util';

type ChunkedState =
  | 'size-first'
  | 'size'
  | 'extension'
  | 'size-lf'
  | 'data'
  | 'data-cr'
  | 'data-lf'
  | 'trailer-start'
  | 'trailer-line'
  | 'trailer-lf'
  | 'trailer-end-lf';

export interface ChunkedScan {
  /** Bytes before `end` belong to the body (all of them, unchanged). */
  end: number;
  /** `done`: the body ended at `end`. `invalid`: the byte at `end` breaks chunked syntax. */
  status: 'more' | 'done' | 'invalid';
}

/**
 * Finds where a chunked request body ends (RFC 9112 §7.1), including chunk extensions and trailers, without
 * holding any byte: extensions and trailer lines can be arbitrarily long (llhttp skips leading whitespace in
 * trailer values without counting it), so the scanner only follows CRLFs. Anything llhttp rejects in strict
 * mode (bare LF, stray CR, a malformed size) is reported as `invalid` rather than guessed at.
 */
export class ChunkedBodyScanner {
  private state: ChunkedState = 'size-first';
  private size = 0;
  private remaining = 0;
  private problem = '';
  private finished = false;

  get reason(): string {
    return this.problem;
  }

  scan(chunk: Buffer, from: number): ChunkedScan {
    let at = from;
    while (at < chunk.length && !this.finished && this.problem === '') at = this.step(chunk, at);
    return { end: at, status: this.problem !== '' ? 'invalid' : this.finished ? 'done' : 'more' };
  }

  private step(chunk: Buffer, at: number): number {
    const byte = chunk[at];
    switch (this.state) {
      case 'size-first': {
        const digit = hexDigitValue(byte);
        if (digit < 0) return this.fail('chunk size is not hexadecimal', at);
        this.size = digit;
        this.state = 'size';
        return at + 1;
      }
      case 'size':
        return this.sizeDigits(chunk, at);
      case 'extension': {
        const end = indexOfLineEnd(chunk, at);
        if (end === chunk.length) return end;
        if (chunk[end] === LF) return this.fail('bare LF in a chunk extension', end);
        this.state = 'size-lf';
        return end + 1;
      }
      case 'size-lf':
        if (byte !== LF) return this.fail('stray CR in a chunk size line', at);
        this.remaining = this.size;
        this.state = this.size > 0 ? 'data' : 'trailer-start';
        return at + 1;
      case 'data': {
        const end = Math.min(chunk.length, at + this.remaining);
        this.remaining -= end - at;
        if (this.remaining === 0) this.state = 'data-cr';
        return end;
      }
      case 'data-cr':
        return this.expect(byte === CR, 'data-lf', 'chunk data not followed by CRLF', at);
      case 'data-lf':
        return this.expect(byte === LF, 'size-first', 'chunk data not followed by CRLF', at);
      case 'trailer-start':
        if (byte === CR) {
          this.state = 'trailer-end-lf';
          return at + 1;
        }
        if (byte === LF) return this.fail('bare LF in the trailer section', at);
        this.state = 'trailer-line';
        return at;
      case 'trailer-line': {
        const end = indexOfLineEnd(chunk, at);
        if (end === chunk.length) return end;
        if (chunk[end] === LF) return this.fail('bare LF in a trailer line', end);
        this.state = 'trailer-lf';
        return end + 1;
      }
      case 'trailer-lf':
        return this.expect(byte === LF, 'trailer-start', 'stray CR in a trailer line', at);
      case 'trailer-end-lf':
        if (byte !== LF) return this.fail('stray CR after the trailer section', at);
        this.finished = true;
        return at + 1;
    }
  }

  private sizeDigits(chunk: Buffer, from: number): number {
    let at = from;
    for (; at < chunk.length; at++) {
      const digit = hexDigitValue(chunk[at]);
      if (digit < 0) break;
      // llhttp accepts sizes up to 2^64; past 2^53 we stop following (such a chunk never ends in practice).
      if (this.size > (Number.MAX_SAFE_INTEGER - digit) / 16) return this.fail('chunk size too large to follow', at);
      this.size = this.size * 16 + digit;
    }
    if (at === chunk.length) return at;
    if (chunk[at] === SEMICOLON) this.state = 'extension';
    else if (chunk[at] === CR) this.state = 'size-lf';
    else return this.fail('malformed chunk size line', at);
    return at + 1;
  }

  private expect(ok: boolean, next: ChunkedState, problem: string, at: number): number {
    if (!ok) return this.fail(problem, at);
    this.state = next;
    return at + 1;
  }

  private fail(problem: string, at: number): number {
    this.problem = problem;
    return at;
  }
}

function indexOfLineEnd(chunk: Buffer, from: number): number {
  let at = from;
  while (at < chunk.length && chunk[at] !== CR && chunk[at] !== LF) at++;
  return at;
}
