import { REQUEST_SUBJECTS } from '../request-map';
import { execHandlerNatsUser } from './exec-handler-permissions';
import { NATS_APPS, natsAppPermissions, natsInboxPrefix } from './nats-app-permissions';
import { renderNatsAppUsers, renderNatsUser, renderNatsUsersFile, withNatsUser } from './render-nats-config.util';
import { natsSubjectMatches } from '../../testing/nats-subject-matches';

const matches = natsSubjectMatches;
const allows = (patterns: string[], subject: string): boolean => patterns.some((p) => matches(p, subject));
const TENANT = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('NATS app permissions', () => {
  it.each(NATS_APPS)('%s reads no request subject of another app, nor any inbox but its own', (app) => {
    const { subscribe } = natsAppPermissions(app);
    for (const subject of REQUEST_SUBJECTS) expect([subject, allows(subscribe, subject)]).toEqual([subject, subject.startsWith(`${app}.`)]);
    for (const other of NATS_APPS) expect(allows(subscribe, `${natsInboxPrefix(other)}.x.1`)).toBe(other === app);
    expect(allows(subscribe, '_INBOX.x.1')).toBe(false);
    expect(subscribe.some((p) => p === '>' || p.startsWith('*'))).toBe(false);
  });

  it('lets only the gateway send requests, and the services only answer them', () => {
    for (const subject of REQUEST_SUBJECTS) {
      expect(NATS_APPS.filter((app) => allows(natsAppPermissions(app).publish, subject))).toEqual(['gateway']);
    }
    // Answers go to the gateway's inbox by publish permission, not allow_responses (see NatsPermissions.maxResponses).
    for (const app of NATS_APPS) expect(natsAppPermissions(app).maxResponses).toBe(0);
    for (const app of NATS_APPS.filter((a) => a !== 'gateway')) {
      expect(allows(natsAppPermissions(app).publish, `${natsInboxPrefix('gateway')}.abc.1`)).toBe(true);
      expect(natsAppPermissions(app).subscribe.some((p) => p.startsWith('_INBOX_gateway') || p.startsWith('_INBOX.'))).toBe(false);
    }
  });

  it.each([
    ['integration-points.exec-sync.t.crm.v2', ['integration-points']],
    ['integration-points.exec-request.t.crm.v2', ['integration-points']],
    ['delivery.job.retry.v2', ['callbacks', 'webhooks', 'integration-points']],
    ['$JS.API.STREAM.DELETE.DELIVERY_JOBS_V2', []],
    ['$JS.API.STREAM.PURGE.DELIVERY_JOBS_V2', []],
    ['$JS.API.CONSUMER.DELETE.DELIVERY_JOBS_V2.delivery-fresh', []],
    ['$JS.ACK.DELIVERY_JOBS_V2.delivery-retry.1.2.3.4.5', ['callbacks', 'webhooks', 'integration-points']],
    ['$JS.ACK.INTEGRATION_EXEC_REQUESTS_V2.exec-x.1.2.3.4.5', []],
  ])('publishing %s is allowed to %j', (subject, apps) => {
    expect(NATS_APPS.filter((app) => allows(natsAppPermissions(app).publish, subject))).toEqual(apps);
  });
});

describe('execHandlerNatsUser', () => {
  it('gives exactly the agreed subjects of its tenant', () => {
    expect(execHandlerNatsUser(TENANT)).toEqual({
      user: `exec-${TENANT}`,
      inboxPrefix: `_INBOX_exec_${TENANT}`,
      consumer: `exec-${TENANT}`,
      syncSubjects: `integration-points.exec-sync.${TENANT}.*.v2`,
      permissions: {
        publish: [
          `$JS.API.CONSUMER.INFO.INTEGRATION_EXEC_REQUESTS_V2.exec-${TENANT}`,
          `$JS.API.CONSUMER.MSG.NEXT.INTEGRATION_EXEC_REQUESTS_V2.exec-${TENANT}`,
          `$JS.ACK.INTEGRATION_EXEC_REQUESTS_V2.exec-${TENANT}.>`,
        ],
        subscribe: [`integration-points.exec-sync.${TENANT}.*.v2`, `_INBOX_exec_${TENANT}.>`],
        maxResponses: 1,
      },
    });
  });

  it.each(['local', '', '0f8fad5b-d9cb-469f-a165-70867728950e.>', '*'])('refuses %j as a tenant id', (id) => {
    expect(() => execHandlerNatsUser(id)).toThrow(/needs a tenant id/);
  });
});

describe('the nats-server configuration text', () => {
  it.each([
    [{ user: 'a', password: 'p' }, '{ user: "a", password: "p" }'],
    [{ user: 'a', password: 'p"q\\' }, '{ user: "a", password: "p\\"q\\\\" }'],
    [{ user: 'gateway', password: { env: 'PW' } }, '{ user: "gateway", password: $PW }'],
    [{ user: 'h', password: 'p', permissions: { publish: ['x'], subscribe: ['y.>'], maxResponses: 2 } }, '{ user: "h", password: "p", permissions: { publish: { allow: ["x"] }, subscribe: { allow: ["y.>"] }, allow_responses: { max: 2 } } }'],
    [{ user: 'g', password: 'p', permissions: { publish: [], subscribe: [], maxResponses: 0 } }, '{ user: "g", password: "p", permissions: { publish: { allow: [] }, subscribe: { allow: [] } } }'],
  ])('renders %j on one line', (entry, text) => {
    expect(renderNatsUser(entry)).toBe(text);
  });

  it.each(['', 'a b', 'a"b', 'x'.repeat(129)])('refuses the user name %j', (user) => {
    expect(() => renderNatsUser({ user, password: 'p' })).toThrow(/invalid NATS user name/);
  });

  it('adds a user above the closing bracket, and replaces a user of the same name', () => {
    const empty = renderNatsUsersFile();
    const one = withNatsUser(empty, { user: 'exec-a', password: 'p1' });
    const two = withNatsUser(one, { user: 'exec-b', password: 'p2' });
    const replaced = withNatsUser(two, { user: 'exec-a', password: 'p3' });
    const users = (text: string): string[] => text.split('\n').filter((l) => l.trimStart().startsWith('{ user:')).map((l) => l.trim());
    expect(users(two)).toEqual(['{ user: "exec-a", password: "p1" }', '{ user: "exec-b", password: "p2" }']);
    expect(users(replaced)).toEqual(['{ user: "exec-a", password: "p3" }', '{ user: "exec-b", password: "p2" }']);
    expect(two.trimEnd().endsWith('  ]\n}')).toBe(true);
    expect(() => withNatsUser('authorization {}', { user: 'x', password: 'p' })).toThrow(/no closing bracket/);
  });

  it('keeps passwords out of the generated app users (nats-server reads them from its environment)', () => {
    const text = renderNatsAppUsers();
    expect(text.match(/password: \$HOOKRELAY_NATS_PASSWORD_[A-Z_]+,/g)).toHaveLength(NATS_APPS.length);
    expect(text).not.toMatch(/password: "/);
  });
});
