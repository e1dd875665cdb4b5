import { createServer, type AddressInfo } from 'node:net';

/**
 * Asks the kernel for a TCP port that is free on `host` right now. Another process can still take
 * it before the caller binds it, so server starters retry with a new port on "address in use".
 */
export function getFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
