import { ChunkedBodyScanner } from './chunked-body.scanner';
import { COLON, CR, HT, LF, SP, isTokenByte } from './http-syntax.util';
import { LOOKUP_METHOD, ORIGINAL_METHOD_HEADER, REWRITTEN_METHOD } from './lookup-marker';
import { FramingFields, FramingHeader, decideFraming, emptyFramingFields, isFramingHeader } from './request-framing.util';

const LOOKUP_PREFIX = Buffer.from(`${LOOKUP_METHOD} `, 'latin1');
const REWRITTEN_PREFIX = Buffer.from(`${REWRITTEN_METHOD} `, 'latin1');
const MARKER_LINE = Buffer.from(`${ORIGINAL_METHOD_HEADER}: ${LOOKUP_METHOD}\r\n`, 'latin1');
const CR_BYTE = Buffer.from([CR]);
const NOTHING = Buffer.alloc(0);
// Long enough to tell CONNECT apart; longer methods are kept only as a prefix.
const METHOD_CAPTURE = 16;

type State =
  | 'message-start'
  | 'method'
  | 'request-line'
  | 'request-line-lf'
  | 'field-start'
  | 'field-name'
  | 'field-value'
  | 'field-lf'
  | 'head-end-lf'
  | 'length-body'
  | 'chunked-body'
  | 'pass-through';

/** plain: forwarded. framing: forwarded and its value kept. marker: a client's forged marker, dropped. */
type FieldKind = 'plain' | 'framing' | 'marker';

export interface LookupRewriterOptions {
  /**
   * The most bytes held while reading one header name, or one framing/marker header value (leading
   * whitespace excluded). Must be at least the http server's max header size, so anything that exceeds it
   * is something llhttp rejects as well (431) once it is passed through.
   */
  maxHeaderBytes: number;
}

/**
 * Rewrites the inbound byte stream of one HTTP/1.1 connection: `LOOKUP ` at the start of a request line
 * becomes `SEARCH ` followed by a marker header line, and client-sent marker header lines are dropped. It
 * follows request framing (Content-Length, chunked with extensions and trailers) so it only ever touches
 * real request lines and header sections, never a body. Bytes are streamed, not buffered per message: only
 * a partial `LOOKUP ` prefix, one header name, or one framing/marker value is held, so a client dribbling a
 * header section still starts the http server's headers timeout.
 *
 * On anything it cannot follow exactly as llhttp would, it stops rewriting and passes the rest of the
 * connection through unchanged (see `fallbackReason`); those are all inputs llhttp rejects, or upgrades
 * after which llhttp stops parsing HTTP. Pure: no I/O, one instance per connection.
 */
export class LookupRewriter {
  private state: State = 'message-start';
  private fallback: string | null = null;
  private out: Buffer[] = [];
  private matched = 0;
  private method = '';
  private methodComplete = false;
  private renamed = false;
  private fields: FramingFields = emptyFramingFields();
  private fieldName = '';
  private fieldKind: FieldKind = 'plain';
  private fieldValue = '';
  private bodyRemaining = 0;
  private chunked = new ChunkedBodyScanner();

  constructor(private readonly options: LookupRewriterOptions) {
    if (!Number.isSafeInteger(options.maxHeaderBytes) || options.maxHeaderBytes < 1) {
      throw new RangeError(`maxHeaderBytes must be a positive integer, got ${options.maxHeaderBytes}`);
    }
  }

  /** Why rewriting stopped on this connection, or null while it is still being followed. */
  get fallbackReason(): string | null {
    return this.fallback;
  }

  /** Takes the next bytes from the client; returns the bytes to hand to the http server (possibly none). */
  push(chunk: Buffer): Buffer {
    let at = 0;
    while (at < chunk.length) at = this.step(chunk, at);
    return this.drain();
  }

  /** The client finished sending: returns whatever was held, unchanged (the http parser rejects the cut-off message). */
  end(): Buffer {
    this.release();
    this.state = 'pass-through';
    return this.drain();
  }

  private step(chunk: Buffer, at: number): number {
    switch (this.state) {
      case 'message-start':
        return this.messageStart(chunk, at);
      case 'method':
        return this.methodPrefix(chunk, at);
      case 'request-line':
        return this.requestLine(chunk, at);
      case 'request-line-lf':
        return this.requestLineEnd(chunk, at);
      case 'field-start':
        return this.fieldStart(chunk, at);
      case 'field-name':
        return this.fieldNameBytes(chunk, at);
      case 'field-value':
        return this.fieldValueBytes(chunk, at);
      case 'field-lf':
        return this.fieldEnd(chunk, at);
      case 'head-end-lf':
        return this.headEnd(chunk, at);
      case 'length-body':
        return this.lengthBody(chunk, at);
      case 'chunked-body':
        return this.chunkedBody(chunk, at);
      case 'pass-through':
        this.emit(chunk, at, chunk.length);
        return chunk.length;
    }
  }

  // llhttp skips empty lines (CR or LF, in any number) before a request line; so do we.
  private messageStart(chunk: Buffer, at: number): number {
    let end = at;
    while (end < chunk.length && (chunk[end] === CR || chunk[end] === LF)) end++;
    this.emit(chunk, at, end);
    if (end < chunk.length) {
      this.state = 'method';
      this.matched = 0;
      this.method = '';
      this.methodComplete = false;
      this.renamed = false;
      this.fields = emptyFramingFields();
    }
    return end;
  }

  private methodPrefix(chunk: Buffer, at: number): number {
    if (chunk[at] === LOOKUP_PREFIX[this.matched]) {
      this.matched++;
      if (this.matched === LOOKUP_PREFIX.length) {
        this.out.push(REWRITTEN_PREFIX);
        this.method = LOOKUP_METHOD;
        this.methodComplete = true;
        this.renamed = true;
        this.state = 'request-line';
      }
      return at + 1;
    }
    // Not `LOOKUP `: give back the bytes held so far and read this byte as part of an ordinary request line.
    this.method = LOOKUP_METHOD.slice(0, this.matched);
    this.release();
    this.state = 'request-line';
    return at;
  }

  private requestLine(chunk: Buffer, at: number): number {
    let end = at;
    for (; end < chunk.length && chunk[end] !== CR && chunk[end] !== LF; end++) {
      if (this.methodComplete) continue;
      if (chunk[end] === SP) this.methodComplete = true;
      else if (this.method.length < METHOD_CAPTURE) this.method += String.fromCharCode(chunk[end]);
    }
    this.emit(chunk, at, end);
    if (end === chunk.length) return end;
    if (chunk[end] === LF) return this.passThrough('bare LF after the request line', end);
    this.emit(chunk, end, end + 1);
    this.state = 'request-line-lf';
    return end + 1;
  }

  private requestLineEnd(chunk: Buffer, at: number): number {
    if (chunk[at] !== LF) return this.passThrough('stray CR in the request line', at);
    this.emit(chunk, at, at + 1);
    if (this.renamed) this.out.push(MARKER_LINE);
    this.state = 'field-start';
    return at + 1;
  }

  private fieldStart(chunk: Buffer, at: number): number {
    const byte = chunk[at];
    if (byte === CR) {
      this.emit(chunk, at, at + 1);
      this.state = 'head-end-lf';
      return at + 1;
    }
    if (byte === SP || byte === HT) return this.passThrough('obsolete line folding', at);
    if (!isTokenByte(byte)) return this.passThrough('malformed header line', at);
    this.fieldName = '';
    this.state = 'field-name';
    return at;
  }

  private fieldNameBytes(chunk: Buffer, at: number): number {
    let end = at;
    while (end < chunk.length && isTokenByte(chunk[end])) end++;
    this.fieldName += chunk.toString('latin1', at, end);
    if (this.fieldName.length > this.options.maxHeaderBytes) return this.passThrough('header name too long', end);
    if (end === chunk.length) return end;
    if (chunk[end] !== COLON) return this.passThrough('malformed header name', end);
    const name = this.fieldName.toLowerCase();
    this.fieldKind = name === ORIGINAL_METHOD_HEADER ? 'marker' : isFramingHeader(name) ? 'framing' : 'plain';
    this.fieldValue = '';
    if (this.fieldKind !== 'marker') this.out.push(Buffer.from(`${this.fieldName}:`, 'latin1'));
    this.state = 'field-value';
    return end + 1;
  }

  private fieldValueBytes(chunk: Buffer, at: number): number {
    let end = at;
    while (end < chunk.length && chunk[end] !== CR && chunk[end] !== LF) end++;
    if (this.fieldKind !== 'marker') this.emit(chunk, at, end);
    if (this.fieldKind !== 'plain') {
      // Leading whitespace is neither kept nor counted: llhttp does not count it either, and it can be unbounded.
      let from = at;
      if (this.fieldValue === '') while (from < end && (chunk[from] === SP || chunk[from] === HT)) from++;
      this.fieldValue += chunk.toString('latin1', from, end);
      if (this.fieldValue.length > this.options.maxHeaderBytes) return this.passThrough('header value too long', end);
    }
    if (end === chunk.length) return end;
    if (chunk[end] === LF) return this.passThrough('bare LF in a header line', end);
    if (this.fieldKind !== 'marker') this.emit(chunk, end, end + 1);
    this.state = 'field-lf';
    return end + 1;
  }

  private fieldEnd(chunk: Buffer, at: number): number {
    if (chunk[at] !== LF) return this.passThrough('stray CR in a header line', at);
    if (this.fieldKind !== 'marker') this.emit(chunk, at, at + 1);
    if (this.fieldKind === 'framing') this.fields[this.fieldName.toLowerCase() as FramingHeader].push(this.fieldValue);
    this.state = 'field-start';
    return at + 1;
  }

  private headEnd(chunk: Buffer, at: number): number {
    if (chunk[at] !== LF) return this.passThrough('stray CR ending the header section', at);
    this.emit(chunk, at, at + 1);
    const framing = decideFraming(this.method, this.fields);
    switch (framing.kind) {
      case 'none':
        this.state = 'message-start';
        break;
      case 'length':
        this.bodyRemaining = framing.length;
        this.state = 'length-body';
        break;
      case 'chunked':
        this.chunked = new ChunkedBodyScanner();
        this.state = 'chunked-body';
        break;
      case 'opaque':
        return this.passThrough(framing.reason, at + 1);
    }
    return at + 1;
  }

  private lengthBody(chunk: Buffer, at: number): number {
    const end = Math.min(chunk.length, at + this.bodyRemaining);
    this.emit(chunk, at, end);
    this.bodyRemaining -= end - at;
    if (this.bodyRemaining === 0) this.state = 'message-start';
    return end;
  }

  private chunkedBody(chunk: Buffer, at: number): number {
    const scan = this.chunked.scan(chunk, at);
    this.emit(chunk, at, scan.end);
    if (scan.status === 'invalid') return this.passThrough(this.chunked.reason, scan.end);
    if (scan.status === 'done') this.state = 'message-start';
    return scan.end;
  }

  private passThrough(reason: string, at: number): number {
    this.release();
    this.fallback = reason;
    this.state = 'pass-through';
    return at;
  }

  /** Emits, unchanged, the bytes held in the current state (a forged marker only when it cannot be dropped cleanly). */
  private release(): void {
    if (this.state === 'method') this.out.push(LOOKUP_PREFIX.subarray(0, this.matched));
    if (this.state === 'field-name') this.out.push(Buffer.from(this.fieldName, 'latin1'));
    if ((this.state === 'field-value' || this.state === 'field-lf') && this.fieldKind === 'marker') {
      // Held back a malformed or oversized forged marker: the parser must see it to reject the request.
      this.out.push(Buffer.from(`${this.fieldName}:${this.fieldValue}`, 'latin1'));
      if (this.state === 'field-lf') this.out.push(CR_BYTE);
    }
    this.matched = 0;
    this.fieldName = '';
    this.fieldValue = '';
  }

  private emit(chunk: Buffer, from: number, to: number): void {
    if (to > from) this.out.push(chunk.subarray(from, to));
  }

  private drain(): Buffer {
    const out = this.out;
    this.out = [];
    if (out.length === 0) return NOTHING;
    return out.length === 1 ? out[0] : Buffer.concat(out);
  }
}
