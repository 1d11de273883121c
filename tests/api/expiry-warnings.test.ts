import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { createDeployment, provisioned, type Deployment } from '../support/deployments.ts';
import { passTime, ticksOnTwoServers } from '../support/expiry.ts';
import { expiryWarnings, type ReceivedMail } from '../support/mail.ts';
import { testSite } from '../support/test-site.ts';
import { createUser, fixtureAdmin, type TestUser } from '../support/users.ts';
import { deleteOption } from '../support/wordpress.ts';
import type { PhpServer } from '../../tools/wp-stack/server.ts';
import { startSecondServer } from '../soak/second-server.ts';

// Expiry warnings by mail (docs/decisions/expiry-mail.md), read from the runner's SMTP server.
const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];
let second: { url: string; server: PhpServer };
let owner: TestUser;
let prolonger: TestUser;
let onlooker: TestUser;
const made: Deployment[] = [];

before(async () => {
  // The shipped mail settings, whatever a file before this one left on the site.
  deleteOption('spp_mail_settings');
  second = await startSecondServer();
  owner = createUser({ login: 'ew_owner', rights: lifecycle });
  prolonger = createUser({ login: 'ew_prolonger', rights: ['portal_access', 'prolong'] });
  onlooker = createUser({ login: 'ew_onlooker', rights: ['portal_access'] });
});

after(async () => {
  for (const d of made) await api(owner, 'DELETE', `/deployments/${d.id}`);
  await second.server.stop();
  for (const login of ['ew_owner', 'ew_prolonger', 'ew_onlooker']) createUser({ login, rights: [] });
  deleteOption('spp_mail_settings');
});

async function deployment(ttlHours = 48): Promise<Deployment> {
  const name = `expiry warning ${made.length + 1}`;
  const d = await provisioned(owner, (await createDeployment(owner, { ttlHours, name })).id);
  made.push(d);
  return d;
}

function warnings(user: TestUser, d: Deployment): Promise<ReceivedMail[]> {
  return expiryWarnings(user.login, d.name);
}

async function mailSettings(body: Record<string, unknown>): Promise<void> {
  const response = await api(fixtureAdmin(), 'PUT', '/settings/mail', body);
  assert.equal(response.status, 200, JSON.stringify(response.body));
}

test('the owner is warned once 24 h and once 1 h before expiry, however often two servers tick', async () => {
  const d = await deployment();
  assert.equal(d.expiresSoon, false);
  await passTime(d.id, 25 * 60);
  assert.equal((await api<Deployment>(owner, 'GET', `/deployments/${d.id}`)).body.expiresSoon, true, 'the portal shows its banner');
  await ticksOnTwoServers(second.url);
  const [first, ...more] = await warnings(owner, d);
  assert.ok(first, 'the 24 h warning arrived');
  assert.equal(more.length, 0, 'exactly one 24 h warning');
  assert.match(first.subject, /expires within 24 hours$/);
  assert.deepEqual(first.contentTypes.slice(0, 3), ['multipart/alternative', 'text/plain', 'text/html'], 'plain text first, then HTML');
  assert.match(first.text, new RegExp(`Your deployment “${d.name}” \\(${d.templateName}\\) expires in (22|23) hours`));
  assert.ok(first.html.includes(d.name));

  const link = new URL(first.links.find((href) => href.includes('spp_prolong')) ?? assert.fail('no prolong link'));
  assert.equal(link.origin, testSite().url);
  assert.equal(link.pathname, '/wp-admin/admin.php');
  assert.equal(link.searchParams.get('page'), 'support-provisioning');
  assert.equal(link.searchParams.get('spp_prolong'), String(d.id));
  assert.equal(link.searchParams.get('spp_hours'), '24');
  assert.ok(first.text.includes(link.href), 'the plain text carries the same link');

  await passTime(d.id, 22 * 60 + 10);
  await ticksOnTwoServers(second.url);
  const all = await warnings(owner, d);
  assert.deepEqual(all.map((mail) => mail.subject.replace(/.*expires within /, '')), ['24 hours', '1 hour']);
});

test('a deployment made for less than a lead time gets only the shorter warnings', async () => {
  const d = await deployment(2);
  await ticksOnTwoServers(second.url, 1);
  assert.equal((await warnings(owner, d)).length, 0, 'no 24 h warning for a 2 h deployment');
  await passTime(d.id, 90);
  await ticksOnTwoServers(second.url);
  assert.deepEqual((await warnings(owner, d)).map((mail) => mail.subject.replace(/.*expires within /, '')), ['1 hour']);
});

test('a prolong sets a new expiry, which is warned about again', async () => {
  const d = await deployment();
  await passTime(d.id, 25 * 60);
  await ticksOnTwoServers(second.url, 1);
  assert.equal((await warnings(owner, d)).length, 1);
  const prolonged = await api<Deployment>(owner, 'POST', `/deployments/${d.id}/prolong`, { hours: 24 });
  assert.equal(prolonged.status, 200, JSON.stringify(prolonged.body));
  await ticksOnTwoServers(second.url, 1);
  assert.equal((await warnings(owner, d)).length, 1, 'nothing is due after the prolong');
  await passTime(d.id, 27 * 60);
  await ticksOnTwoServers(second.url);
  assert.equal((await warnings(owner, d)).length, 2, 'the new expiry gets its own 24 h warning');
});

test('sharees who may prolong are warned when the site says so; sharees who may not, never', async () => {
  const d = await deployment();
  for (const user of [prolonger, onlooker]) {
    const shared = await api(owner, 'POST', `/deployments/${d.id}/shares`, { user: user.login });
    assert.equal(shared.status, 200, JSON.stringify(shared.body));
  }
  await mailSettings({ warnSharees: true });
  await passTime(d.id, 25 * 60);
  await ticksOnTwoServers(second.url);
  assert.equal((await warnings(owner, d)).length, 1);
  const [toProlonger, ...more] = await warnings(prolonger, d);
  assert.equal(more.length, 0);
  assert.ok(toProlonger?.links.some((href) => href.includes(`spp_prolong=${d.id}`)), 'the sharee gets the prolong link too');
  assert.equal((await warnings(onlooker, d)).length, 0, 'a sharee without the prolong right is not warned');

  await mailSettings({ warnSharees: false });
  await passTime(d.id, 22 * 60 + 10);
  await ticksOnTwoServers(second.url);
  assert.equal((await warnings(owner, d)).length, 2);
  assert.equal((await warnings(prolonger, d)).length, 1, 'sharees are left out again');
});

test('no warning reaches an owner who opted out, and none goes out while the site switch is off', async () => {
  const optOut = await api<Record<string, boolean>>(owner, 'PUT', '/me/mail-preferences', { expiryWarning: false });
  assert.equal(optOut.status, 200, JSON.stringify(optOut.body));
  assert.equal(optOut.body.expiryWarning, false);
  assert.equal(optOut.body.provisioned, true, 'the other kinds stay as they were');
  const quiet = await deployment();
  await passTime(quiet.id, 25 * 60);
  await ticksOnTwoServers(second.url, 1);
  assert.equal((await warnings(owner, quiet)).length, 0);
  assert.equal((await api(owner, 'PUT', '/me/mail-preferences', { expiryWarning: true })).status, 200);

  await mailSettings({ enabled: false });
  const off = await deployment();
  await passTime(off.id, 25 * 60);
  await ticksOnTwoServers(second.url, 1);
  assert.equal((await warnings(owner, off)).length, 0, 'nothing is sent while mail is off');
  await mailSettings({ enabled: true });
  await ticksOnTwoServers(second.url, 1);
  assert.equal((await warnings(owner, off)).length, 1, 'a warning still due goes out once mail is on again');
  assert.equal((await warnings(owner, quiet)).length, 0, 'an opted-out warning is not sent later');
});

test('the lead times are the site’s: validated, and a lead time given twice is refused', async () => {
  const admin = fixtureAdmin();
  const initial = await api<{ enabled: boolean; warningLeadHours: number[]; warnSharees: boolean }>(admin, 'GET', '/settings/mail');
  assert.deepEqual(initial.body, { enabled: true, warningLeadHours: [24, 1], warnSharees: false });
  for (const warningLeadHours of [[0], [24, 24], [1, 2, 3, 4, 5, 6]]) {
    const refused = await api(admin, 'PUT', '/settings/mail', { warningLeadHours });
    assert.equal(refused.status, 400, JSON.stringify(warningLeadHours));
    assert.equal(errorOf(refused).code, 'rest_invalid_param');
  }
  const changed = await api<{ warningLeadHours: number[] }>(admin, 'PUT', '/settings/mail', { warningLeadHours: [2, 48] });
  assert.deepEqual(changed.body.warningLeadHours, [48, 2]);
  const d = await deployment();
  await passTime(d.id, 46 * 60 + 30);
  await ticksOnTwoServers(second.url, 1);
  assert.match((await warnings(owner, d))[0]?.subject ?? '', /expires within 2 hours$/);
  await mailSettings({ warningLeadHours: [24, 1] });
});
