import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { Agent } from 'undici';
import { buildAllowList } from './build-allow-list.util';
import { guardedConnector } from './guarded-connector.util';

/**
 * The connector on its own, below DeliveryHttpClient's URL pre-check: literal IP hosts must be refused
 * here too (Node's net.connect skips `lookup` for them), before a single packet is sent.
 */
describe('guardedConnector', () => {
  let server: Server;
  let connections = 0;
  const sockets = new Set<Socket>();
  let port = 0;

  beforeAll(async () => {
    server = createServer((socket) => {
      connections += 1;
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.once('data', () => socket.end('HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    connections = 0;
  });

  async function requestThrough(allow: string[], origin: string): Promise<{ status?: number; code?: string }> {
    const agent = new Agent({ connect: guardedConnector(buildAllowList(allow)) });
    try {
      const response = await agent.request({ origin, path: '/', method: 'POST', body: 'x' });
      await response.body.dump();
      return { status: response.statusCode };
    } catch (error: unknown) {
      return { code: (error as { code?: string }).code };
    } finally {
      await agent.destroy();
    }
  }

  it.each(['http://127.0.0.1:PORT', 'http://[::ffff:127.0.0.1]:PORT', 'http://[::ffff:7f00:1]:PORT', 'https://127.0.0.1:PORT', 'http://localhost:PORT'])(
    '%s is refused before connecting',
    async (template) => {
      expect(await requestThrough([], template.replace('PORT', String(port)))).toEqual({ code: 'ERR_SSRF_BLOCKED' });
      expect(connections).toBe(0);
    },
  );

  it.each(['http://127.0.0.1:PORT', 'http://[::ffff:127.0.0.1]:PORT', 'http://localhost:PORT'])('%s connects when allow-listed', async (template) => {
    expect(await requestThrough(['127.0.0.0/8'], template.replace('PORT', String(port)))).toEqual({ status: 204 });
    expect(connections).toBe(1);
  });
});
