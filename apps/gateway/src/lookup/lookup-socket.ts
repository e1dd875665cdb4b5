import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { LookupRewriter } from './lookup-rewriter';

type WriteCallback = (error?: Error | null) => void;

/**
 * What the http server gets instead of the client's socket. A real `net.Socket` would be read by the http
 * parser straight from its native handle, bypassing JS, so it cannot be rewritten in place; this Duplex is
 * fed the rewritten bytes instead and writes go straight to the client. It looks enough like a `net.Socket`
 * for Node's http server and Express: peer/local addresses of the real client, setTimeout / setNoDelay /
 * setKeepAlive / ref / unref / address / destroySoon forwarded. Backpressure, half-close, errors and destroy
 * propagate both ways, so neither side outlives the other.
 */
export class LookupSocket extends Duplex {
  // Captured once: a connection's endpoints never change, and net.Socket stops reporting them once closed.
  readonly remoteAddress: string | undefined;
  readonly remotePort: number | undefined;
  readonly remoteFamily: string | undefined;
  readonly localAddress: string | undefined;
  readonly localPort: number | undefined;
  readonly localFamily: string | undefined;
  readonly connecting = false;
  readonly pending = false;

  constructor(
    private readonly client: Socket,
    private readonly rewriter: LookupRewriter,
  ) {
    super({
      // The http server decides when to end its side (it ends on the client's FIN unless told otherwise).
      allowHalfOpen: true,
      readableHighWaterMark: client.readableHighWaterMark,
      writableHighWaterMark: client.writableHighWaterMark,
    });
    this.remoteAddress = client.remoteAddress;
    this.remotePort = client.remotePort;
    this.remoteFamily = client.remoteFamily;
    this.localAddress = client.localAddress;
    this.localPort = client.localPort;
    this.localFamily = client.localFamily;
    client.on('data', (chunk: Buffer) => this.receive(chunk));
    client.on('end', () => this.receiveEnd());
    client.on('error', (error: Error) => this.destroy(error));
    client.on('close', () => this.destroy());
    client.on('timeout', () => this.emit('timeout'));
  }

  get bytesRead(): number {
    return this.client.bytesRead;
  }

  get bytesWritten(): number {
    return this.client.bytesWritten;
  }

  get timeout(): number | undefined {
    return this.client.timeout;
  }

  /** Same contract as `net.Socket#setTimeout`; idleness is measured on the client socket. */
  setTimeout(msecs: number, callback?: () => void): this {
    this.client.setTimeout(msecs);
    if (callback && msecs === 0) this.removeListener('timeout', callback);
    else if (callback) this.once('timeout', callback);
    return this;
  }

  setNoDelay(noDelay?: boolean): this {
    this.client.setNoDelay(noDelay);
    return this;
  }

  setKeepAlive(enable?: boolean, initialDelay?: number): this {
    this.client.setKeepAlive(enable, initialDelay);
    return this;
  }

  ref(): this {
    this.client.ref();
    return this;
  }

  unref(): this {
    this.client.unref();
    return this;
  }

  address(): ReturnType<Socket['address']> {
    return this.client.address();
  }

  /** Node's http server calls this after a `Connection: close` response: end, then close once flushed. */
  destroySoon(): void {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', () => this.destroy());
  }

  override _read(): void {
    this.client.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: WriteCallback): void {
    this.afterFlush(this.client.write(chunk), callback);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: WriteCallback): void {
    this.client.cork();
    let below = true;
    for (const { chunk } of chunks) below = this.client.write(chunk);
    this.client.uncork();
    this.afterFlush(below, callback);
  }

  override _final(callback: WriteCallback): void {
    // Report finished only once the client socket has flushed: the Duplex auto-destroys when both sides are
    // done, and destroying the client earlier would cut the last response short.
    if (this.client.writableFinished) return callback();
    this.untilClient('finish', callback);
    this.client.end();
  }

  override _destroy(error: Error | null, callback: WriteCallback): void {
    this.client.destroy();
    callback(error);
  }

  private receive(chunk: Buffer): void {
    const bytes = this.rewriter.push(chunk);
    if (bytes.length > 0 && !this.push(bytes)) this.client.pause();
  }

  private receiveEnd(): void {
    const held = this.rewriter.end();
    if (held.length > 0) this.push(held);
    this.push(null);
  }

  private afterFlush(belowHighWaterMark: boolean, callback: WriteCallback): void {
    if (belowHighWaterMark) callback();
    else this.untilClient('drain', callback);
  }

  // 'close' as well, so a write or end waiting on a client that went away still completes.
  private untilClient(event: 'drain' | 'finish', callback: WriteCallback): void {
    const done = (): void => {
      this.client.off(event, done);
      this.client.off('close', done);
      callback();
    };
    this.client.on(event, done);
    this.client.on('close', done);
  }
}
