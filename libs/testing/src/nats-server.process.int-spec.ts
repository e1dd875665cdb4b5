import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { connect, StorageType, StringCodec, type NatsConnection } from 'nats';
import { getFreePort } from './free-port.util';
import { startNatsServer, type NatsServerHandle } from './nats-server.process';
import { isProcessGone } from './process-tree.util';

const codec = StringCodec();

async function publishToNewStream(url: string, stream: string, text: string): Promise<number> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: stream, subjects: [`${stream.toLowerCase()}.>`], storage: StorageType.File });
    const ack = await nc.jetstream().publish(`${stream.toLowerCase()}.one`, codec.encode(text));
    return ack.seq;
  } finally {
    await nc.close();
  }
}

async function readStreamMessage(url: string, stream: string, seq: number): Promise<string> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await nc.jetstreamManager();
    const message = await jsm.streams.getMessage(stream, { seq });
    return codec.decode(message.data);
  } finally {
    await nc.close();
  }
}

describe('startNatsServer', () => {
  let server: NatsServerHandle;

  beforeAll(async () => {
    server = await startNatsServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('serves a JetStream stream whose messages survive a restart on the same port', async () => {
    expect(server.url).toBe(`nats://127.0.0.1:${server.port}`);
    const seq = await publishToNewStream(server.url, 'RESTART', 'hello');
    const pidBefore = server.pid;

    await server.restart();

    expect(server.pid).not.toBe(pidBefore);
    expect(await readStreamMessage(server.url, 'RESTART', seq)).toBe('hello');
  });

  it('keeps stream messages after kill() (SIGKILL) and restart()', async () => {
    const seq = await publishToNewStream(server.url, 'CRASH', 'survives');
    const pid = server.pid as number;

    await server.kill();

    expect(server.running).toBe(false);
    expect(isProcessGone(pid)).toBe(true);
    await server.restart();
    expect(await readStreamMessage(server.url, 'CRASH', seq)).toBe('survives');
  });

  it('lets a reconnecting client carry on after a restart on the same port', async () => {
    const nc: NatsConnection = await connect({ servers: server.url, reconnectTimeWait: 50, maxReconnectAttempts: -1 });
    try {
      const reconnected = (async () => {
        for await (const status of nc.status()) if (status.type === 'reconnect') return status.data;
        return undefined;
      })();
      await server.restart();
      expect(await reconnected).toBe(`127.0.0.1:${server.port}`);
      nc.subscribe('echo', { max: 1, callback: (_err, msg) => msg.respond(msg.data) });
      const answer = await nc.request('echo', codec.encode('ping'), { timeout: 5_000 });
      expect(codec.decode(answer.data)).toBe('ping');
    } finally {
      await nc.close();
    }
  });

  it('stop() ends the process and deletes the temp dir', async () => {
    const other = await startNatsServer();
    const pid = other.pid as number;
    expect(existsSync(other.storeDir)).toBe(true);

    await other.stop();

    expect(isProcessGone(pid)).toBe(true);
    expect(existsSync(other.storeDir)).toBe(false);
    await expect(other.restart()).rejects.toThrow(/stopped for good/);
  });

  it('fails with the server output when the requested port is taken', async () => {
    const port = await getFreePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startNatsServer({ port })).rejects.toThrow(/did not become ready[\s\S]*address already in use/);
    } finally {
      blocker.close();
    }
  });
});
