import * as http from 'node:http';
import * as net from 'node:net';
import { LookupRewriter } from './lookup-rewriter';
import { LookupSocket } from './lookup-socket';

const DEFAULT_MAX_HEADER_BYTES = 64 * 1024;

export interface LookupFrontOptions {
  /**
   * The most bytes the front holds while reading one header name or one framing/marker header value
   * (default: 64 KiB, or the http server's max header size if larger). Smaller than the server's max header
   * size is refused: the front would then pass through, unrewritten, header sections llhttp accepts.
   */
  maxHeaderBytes?: number;
}

/** Settings Node's http.Server keeps from its options; not in @types/node's class. */
interface ParserSettings {
  insecureHTTPParser?: boolean;
  maxHeaderSize?: number;
}

/**
 * A TCP listener in front of `httpServer` that lets it answer the `LOOKUP` method (see LookupRewriter).
 * Listen on the front instead of the http server:
 *
 *     const app = await NestFactory.create(GatewayModule);
 *     await app.init();
 *     const front = createLookupFront(app.getHttpServer());
 *     front.listen(port, host);
 *
 * The two are tied together: when the front starts listening the http server emits 'listening' (Node starts
 * the connection tracking behind `closeAllConnections()`/`closeIdleConnections()` and the headers/request
 * timeouts on that event); `front.close()` also closes the http server (idle connections end, active ones
 * finish), and closing the http server (e.g. `app.close()`) closes the front.
 */
export function createLookupFront(httpServer: http.Server, options: LookupFrontOptions = {}): net.Server {
  const settings: ParserSettings = httpServer as http.Server & ParserSettings;
  if (settings.insecureHTTPParser === true || process.execArgv.includes('--insecure-http-parser')) {
    // The front follows framing exactly as the strict parser does; a lenient parser would disagree on where
    // requests start, and a forged marker could reach the app.
    throw new Error('createLookupFront: the http server must use the strict HTTP parser (insecureHTTPParser / --insecure-http-parser are not supported)');
  }
  return new LookupFrontServer(httpServer, resolveMaxHeaderBytes(settings, options.maxHeaderBytes));
}

function resolveMaxHeaderBytes(settings: ParserSettings, requested: number | undefined): number {
  const parserLimit = settings.maxHeaderSize ?? http.maxHeaderSize;
  const value = requested ?? Math.max(DEFAULT_MAX_HEADER_BYTES, parserLimit);
  if (!Number.isSafeInteger(value) || value < parserLimit) {
    throw new RangeError(`createLookupFront: maxHeaderBytes must be an integer of at least the http server's max header size (${parserLimit}), got ${value}`);
  }
  return value;
}

class LookupFrontServer extends net.Server {
  private httpServerClosed = false;

  constructor(
    private readonly httpServer: http.Server,
    maxHeaderBytes: number,
  ) {
    super({ allowHalfOpen: true }, (client) => {
      httpServer.emit('connection', new LookupSocket(client, new LookupRewriter({ maxHeaderBytes })));
    });
    this.on('listening', () => {
      this.httpServerClosed = false;
      if (!httpServer.listening) httpServer.emit('listening');
    });
    httpServer.on('close', () => {
      this.httpServerClosed = true;
      if (this.listening) this.close();
    });
  }

  override close(callback?: (error?: Error) => void): this {
    super.close(callback);
    // Only when the front is the http server's sole listener; an http server listening itself stays up.
    if (!this.httpServerClosed && !this.httpServer.listening) {
      this.httpServerClosed = true;
      this.httpServer.close();
    }
    return this;
  }
}
