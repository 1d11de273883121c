import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api } from '../support/api.ts';
import { createDeployment, provisioned, type Deployment } from '../support/deployments.ts';
import { passTime } from '../support/expiry.ts';
import { mailsTo, type ReceivedMail } from '../support/mail.ts';
import { createUser, type TestUser } from '../support/users.ts';
import { cronTick, deleteOption, mockFaults } from '../support/wordpress.ts';

// Notification mails (Mail\Notifications), read from the runner's SMTP server.
let owner: TestUser;
let colleague: TestUser;
const made: number[] = [];

before(() => {
  // The shipped mail settings (mails on), whatever a file before this one left on the site.
  deleteOption('spp_mail_settings');
  owner = createUser({ login: 'nt_owner', rights: ['portal_access', 'create', 'prolong', 'delete'] });
  colleague = createUser({ login: 'nt_colleague', rights: ['portal_access'] });
});

after(async () => {
  for (const id of made) await api(owner, 'DELETE', `/deployments/${id}`);
  await api(owner, 'PUT', '/me/mail-preferences', { provisioned: true });
  for (const login of ['nt_owner', 'nt_colleague']) createUser({ login, rights: [] });
});

async function deployment(name: string, ttlHours = 48): Promise<Deployment> {
  const d = await provisioned(owner, (await createDeployment(owner, { name, ttlHours })).id);
  made.push(d.id);
  return d;
}

async function about(user: TestUser, name: string): Promise<ReceivedMail[]> {
  return (await mailsTo(`${user.login}@example.test`)).filter((mail) => mail.subject.includes(`“${name}”`));
}

test('the owner hears once that a deployment is ready, with a link to it', async () => {
  const d = await deployment('Notified when ready');
  cronTick();
  const mails = await about(owner, d.name);
  assert.deepEqual(mails.map((mail) => mail.subject.replace(/^\[[^\]]*\] /, '')), [`“${d.name}” is ready`]);
  assert.ok(mails[0]?.links.some((href) => href.includes(`spp_open=${d.id}`)), JSON.stringify(mails[0]?.links));
});

test('a failed provisioning is told without Proxmox\'s message', async () => {
  mockFaults({ configure: 'unable to set memory: out of host memory' });
  try {
    const d = await deployment('Notified when failed');
    assert.equal(d.status, 'FAILED');
  } finally {
    mockFaults({});
  }
  const [mail, ...more] = await about(owner, 'Notified when failed');
  assert.equal(more.length, 0);
  assert.match(mail?.subject ?? '', /could not be made$/);
  assert.ok(!mail?.text.includes('out of host memory'), 'the error text stays in the portal');
});

test('an expiry is told once, however many ticks follow', async () => {
  const d = await deployment('Notified when expired', 2);
  await passTime(d.id, 3 * 60);
  cronTick();
  cronTick();
  const mails = (await about(owner, d.name)).filter((mail) => mail.subject.endsWith('has expired'));
  assert.equal(mails.length, 1);
  assert.ok(mails[0]?.links.some((href) => href.includes(`spp_prolong=${d.id}`)), 'the owner may prolong it again');
});

test('a new share is told to the colleague, a repeated one is not', async () => {
  const d = await deployment('Notified when shared');
  for (let i = 0; i < 2; i++) {
    assert.equal((await api(owner, 'POST', `/deployments/${d.id}/shares`, { user: colleague.login })).status, 200);
  }
  const mails = await about(colleague, d.name);
  assert.deepEqual(mails.map((mail) => mail.subject.replace(/^\[[^\]]*\] /, '')), [`Nt_owner shared “${d.name}” with you`]);
});

test('no mail of a kind the user turned off', async () => {
  assert.equal((await api(owner, 'PUT', '/me/mail-preferences', { provisioned: false })).status, 200);
  const d = await deployment('Not notified when ready');
  cronTick();
  assert.deepEqual(await about(owner, d.name), []);
});
