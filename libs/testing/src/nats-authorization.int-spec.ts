import {
  DELIVERY_CONSUMERS_V2, DELIVERY_JOB_SUBJECTS_V2, EXEC_REQUESTS_STREAM_V2, execHandlerNatsUser, NATS_APPS, NatsApp, natsInboxPrefix, REQUEST_SUBJECTS, STREAMS,
} from '@hookrelay/contracts';
import { AckPolicy, connect, ConnectionOptions, Events, JSONCodec, NatsConnection, NatsError, RetentionPolicy } from 'nats';
import { randomBytes, randomUUID } from 'node:crypto';
import { startNatsServer, type NatsServerHandle } from './nats-server.process';
import { addTestNatsUser, testNatsPassword } from './test-nats-auth';
import { testNatsUrl } from './test-env';

const codec = JSONCodec<unknown>();
const SERVICES = NATS_APPS.filter((app): app is Exclude<NatsApp, 'gateway'> => app !== 'gateway');
const subjectsOf = (app: NatsApp): string[] => REQUEST_SUBJECTS.filter((s) => s.startsWith(`${app}.`));

/** A connection that records the permission violations nats-server reports to it. */
class Probe {
  readonly refused: Array<{ operation: string; subject: string }> = [];

  private constructor(readonly nc: NatsConnection) {
    void (async () => {
      for await (const status of nc.status()) {
        const context = (status as { permissionContext?: { operation: string; subject: string } }).permissionContext;
        if (status.type === Events.Error && context) this.refused.push(context);
      }
    })();
  }

  static async open(url: string, options: ConnectionOptions): Promise<Probe> {
    return new Probe(await connect({ servers: url, ...options }));
  }

  /** nats-server answers a refused PUB or SUB with -ERR before the PONG of the next flush. */
  private async settle(): Promise<void> {
    await this.nc.flush();
    await new Promise((resolve) => setImmediate(resolve));
  }

  async publishRefused(subject: string): Promise<boolean> {
    this.nc.publish(subject, codec.encode({}));
    await this.settle();
    return this.refused.some((r) => r.operation === 'publish' && r.subject === subject);
  }

  async subscribeRefused(subject: string, queue?: string): Promise<boolean> {
    let error: NatsError | null = null;
    const sub = this.nc.subscribe(subject, { ...(queue ? { queue } : {}), callback: (e) => (error ??= e) });
    await this.settle();
    sub.unsubscribe();
    return (error as NatsError | null)?.code === 'PERMISSIONS_VIOLATION';
  }

  close(): Promise<void> {
    return this.nc.close();
  }
}

describe('NATS authorization (the generated users and permissions, on a real nats-server)', () => {
  let server: NatsServerHandle;
  const probes: Probe[] = [];
  const as = async (app: NatsApp): Promise<Probe> => {
    const probe = await Probe.open(server.url, { user: app, pass: testNatsPassword(app), inboxPrefix: natsInboxPrefix(app) });
    probes.push(probe);
    return probe;
  };

  beforeAll(async () => {
    server = await startNatsServer({ anonymousSuperuser: false });
  });
  afterEach(async () => {
    await Promise.all(probes.splice(0).map((p) => p.close().catch(() => undefined)));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses a connection without credentials or with a wrong password', async () => {
    await expect(connect({ servers: server.url, reconnect: false })).rejects.toThrow(/Authorization Violation/i);
    await expect(connect({ servers: server.url, user: 'gateway', pass: 'not-the-password', reconnect: false })).rejects.toThrow(/Authorization Violation/i);
  });

  it('lets the gateway send every request and read its own inbox, and nothing else', async () => {
    const gateway = await as('gateway');
    for (const subject of REQUEST_SUBJECTS) expect([subject, await gateway.publishRefused(subject)]).toEqual([subject, false]);
    expect(await gateway.subscribeRefused(`${natsInboxPrefix('gateway')}.abc.*`)).toBe(false);
    for (const subject of [...REQUEST_SUBJECTS, '>', '_INBOX.>', `${natsInboxPrefix('callbacks')}.>`, 'callbacks.>', DELIVERY_JOB_SUBJECTS_V2.fresh]) {
      expect([subject, await gateway.subscribeRefused(subject)]).toEqual([subject, true]);
    }
    for (const subject of [DELIVERY_JOB_SUBJECTS_V2.fresh, 'integration-points.exec-sync.crm.v1', '$JS.API.STREAM.DELETE.DELIVERY_JOBS_V2', '$JS.API.INFO']) {
      expect([subject, await gateway.publishRefused(subject)]).toEqual([subject, true]);
    }
    // The server logs each refusal with the user: the e2e tier asserts there is none in normal operation.
    expect(server.logs()).toMatch(/Publish Violation.*"gateway"|"gateway".*Publish Violation/);
  });

  it.each(SERVICES)('lets %s serve only its own subjects and send no request', async (service) => {
    const probe = await as(service);
    for (const subject of subjectsOf(service)) expect([subject, await probe.subscribeRefused(subject, service)]).toEqual([subject, false]);
    const others = SERVICES.filter((s) => s !== service).flatMap(subjectsOf);
    for (const subject of [...others, '>', '_INBOX.>', `${natsInboxPrefix('gateway')}.>`, `${SERVICES.find((s) => s !== service)}.>`, 'integration-points.exec-sync.*.v1']) {
      expect([subject, await probe.subscribeRefused(subject)]).toEqual([subject, true]);
    }
    // A service cannot ask another for secrets (the review's `nats req webhooks.application-webhook-secret.get.v1`).
    for (const subject of [...others, `$JS.API.STREAM.DELETE.${STREAMS.deliveryJobs.name}`, `$JS.API.STREAM.PURGE.${STREAMS.deliveryJobs.name}`, `$JS.API.CONSUMER.DELETE.${STREAMS.deliveryJobs.name}.delivery-fresh`]) {
      expect([subject, await probe.publishRefused(subject)]).toEqual([subject, true]);
    }
  });

  it("carries a request from the gateway to a service and its answer back; a service may answer into the gateway's inbox but never read it", async () => {
    const [gateway, callbacks] = [await as('gateway'), await as('callbacks')];
    const subject = subjectsOf('callbacks')[0]!;
    callbacks.nc.subscribe(subject, { queue: 'callbacks', callback: (_e, msg) => msg.respond(codec.encode({ ok: true })) });
    await callbacks.nc.flush();
    const reply = await gateway.nc.request(subject, codec.encode({}), { timeout: 5000 });
    expect(codec.decode(reply.data)).toEqual({ ok: true });
    expect(await callbacks.publishRefused(`${natsInboxPrefix('gateway')}.forged.1`)).toBe(false);
    expect(await callbacks.subscribeRefused(`${natsInboxPrefix('gateway')}.>`)).toBe(true);
    expect(await callbacks.publishRefused(`${natsInboxPrefix('webhooks')}.forged.1`)).toBe(true);
  });

  it('lets a service run the delivery lanes: stream, consumers, publish, pull and ack', async () => {
    const webhooks = await as('webhooks');
    const jsm = await webhooks.nc.jetstreamManager();
    await jsm.streams.add({ name: STREAMS.deliveryJobs.name, subjects: [...STREAMS.deliveryJobs.subjects], retention: RetentionPolicy.Workqueue });
    await jsm.consumers.add(STREAMS.deliveryJobs.name, { durable_name: DELIVERY_CONSUMERS_V2.fresh, filter_subject: DELIVERY_JOB_SUBJECTS_V2.fresh, ack_policy: AckPolicy.Explicit });
    const js = webhooks.nc.jetstream();
    await js.publish(DELIVERY_JOB_SUBJECTS_V2.fresh, codec.encode({ job: 1 }));
    const message = await (await js.consumers.get(STREAMS.deliveryJobs.name, DELIVERY_CONSUMERS_V2.fresh)).next({ expires: 5000 });
    expect(message && codec.decode(message.data)).toEqual({ job: 1 });
    await message!.ackAck();
    expect(webhooks.refused).toEqual([]);
  });

  describe('/exec handler users', () => {
    const [tenantA, tenantB] = [randomUUID(), randomUUID()];
    const handlerA = execHandlerNatsUser(tenantA);
    const handlerB = execHandlerNatsUser(tenantB);
    const password = randomBytes(18).toString('hex');
    let admin: NatsConnection;

    beforeAll(async () => {
      await server.addUser({ user: handlerA.user, password, permissions: handlerA.permissions });
      admin = await connect({ servers: server.url, ...server.superuser });
      // What the platform sets up (the /exec change): the v2 stream and one consumer per tenant.
      const jsm = await admin.jetstreamManager();
      await jsm.streams.add({ name: EXEC_REQUESTS_STREAM_V2, subjects: ['integration-points.exec-request.*.*.v2'], retention: RetentionPolicy.Workqueue });
      for (const [tenant, handler] of [[tenantA, handlerA], [tenantB, handlerB]] as const) {
        await jsm.consumers.add(EXEC_REQUESTS_STREAM_V2, { durable_name: handler.consumer, filter_subject: `integration-points.exec-request.${tenant}.*.v2`, ack_policy: AckPolicy.Explicit });
        await admin.jetstream().publish(`integration-points.exec-request.${tenant}.crm.v2`, codec.encode({ for: tenant }));
      }
    });
    afterAll(async () => {
      await admin?.close();
    });

    const asHandler = (): Promise<Probe> => Probe.open(server.url, { user: handlerA.user, pass: password, inboxPrefix: handlerA.inboxPrefix }).then((p) => (probes.push(p), p));

    it("consumes and acks its own tenant's async requests", async () => {
      const handler = await asHandler();
      const consumer = await handler.nc.jetstream().consumers.get(EXEC_REQUESTS_STREAM_V2, handlerA.consumer);
      const message = await consumer.next({ expires: 5000 });
      expect(message && codec.decode(message.data)).toEqual({ for: tenantA });
      await message!.ackAck();
      expect(handler.refused).toEqual([]);
    });

    it("answers its own tenant's sync requests", async () => {
      const [handler, integrationPoints] = [await asHandler(), await as('integration-points')];
      handler.nc.subscribe(handlerA.syncSubjects, { callback: (_e, msg) => msg.respond(codec.encode({ status: 200 })) });
      await handler.nc.flush();
      const reply = await integrationPoints.nc.request(`integration-points.exec-sync.${tenantA}.crm.v2`, codec.encode({}), { timeout: 5000 });
      expect(codec.decode(reply.data)).toEqual({ status: 200 });
    });

    it("is refused another tenant's requests, service subjects, and every other inbox", async () => {
      const handler = await asHandler();
      for (const subject of [
        `integration-points.exec-sync.${tenantB}.*.v2`, 'integration-points.exec-sync.>', `integration-points.exec-request.${tenantA}.*.v2`, ...REQUEST_SUBJECTS, '>', '_INBOX.>',
        `${natsInboxPrefix('integration-points')}.>`, `${handlerB.inboxPrefix}.>`, DELIVERY_JOB_SUBJECTS_V2.fresh,
      ]) {
        expect([subject, await handler.subscribeRefused(subject)]).toEqual([subject, true]);
      }
      for (const subject of [
        `$JS.API.CONSUMER.MSG.NEXT.${EXEC_REQUESTS_STREAM_V2}.${handlerB.consumer}`, `$JS.API.CONSUMER.INFO.${EXEC_REQUESTS_STREAM_V2}.${handlerB.consumer}`,
        `$JS.ACK.${EXEC_REQUESTS_STREAM_V2}.${handlerB.consumer}.1.1.1.1.1`, `$JS.API.CONSUMER.DELETE.${EXEC_REQUESTS_STREAM_V2}.${handlerA.consumer}`,
        `$JS.API.STREAM.INFO.${EXEC_REQUESTS_STREAM_V2}`, `integration-points.exec-request.${tenantA}.crm.v2`, ...REQUEST_SUBJECTS, DELIVERY_JOB_SUBJECTS_V2.fresh,
      ]) {
        expect([subject, await handler.publishRefused(subject)]).toEqual([subject, true]);
      }
    });
  });

  it('adds a handler user to the shared test server (addTestNatsUser), which then holds to its permissions', async () => {
    const handler = execHandlerNatsUser(randomUUID());
    const password = randomBytes(18).toString('hex');
    await addTestNatsUser({ user: handler.user, password, permissions: handler.permissions });
    const probe = await Probe.open(testNatsUrl(), { user: handler.user, pass: password, inboxPrefix: handler.inboxPrefix });
    probes.push(probe);
    expect(await probe.subscribeRefused(handler.syncSubjects)).toBe(false);
    expect(await probe.subscribeRefused('>')).toBe(true);
  });
});
