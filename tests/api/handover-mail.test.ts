import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { REFUSED_DOMAIN } from '../../tools/test/mail-catcher.ts';
import { api } from '../support/api.ts';
import { createDeployment, provisioned, type Deployment } from '../support/deployments.ts';
import { mailsTo, type ReceivedMail } from '../support/mail.ts';
import { createUser, type TestUser } from '../support/users.ts';
import { deleteOption, deleteUser } from '../support/wordpress.ts';

// The hand-over mail (Mail\Notifications on `notice.transfer`, docs/decisions/hand-over.md), read
// from the runner's SMTP server: one mail per receiver and request, listing every deployment it
// handed to them with the previous owner; none to whoever handed it to themself.

const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];
const run = Date.now().toString(36);
let owner: TestUser;
let receiver: TestUser;
let lead: TestUser;
const made: Array<{ id: number; by: TestUser }> = [];

before(() => {
  // The shipped mail settings (mails on), whatever a file before this one left on the site.
  deleteOption('spp_mail_settings');
  owner = createUser({ login: 'hm_owner', displayName: 'Olivia Owner', rights: lifecycle });
  receiver = createUser({ login: 'hm_receiver', displayName: 'Rita Receiver', rights: lifecycle });
  lead = createUser({ login: 'hm_lead', displayName: 'Lena Lead', rights: ['portal_access', 'create', 'manage_all', 'delete'] });
});

after(async () => {
  for (const { id, by } of made) await api(by, 'DELETE', `/deployments/${id}`);
  await api(receiver, 'PUT', '/me/mail-preferences', { transferred: true });
  for (const login of ['hm_owner', 'hm_receiver', 'hm_lead', 'hm_refused']) createUser({ login, rights: [] });
});

async function deployment(user: TestUser, name: string): Promise<Deployment> {
  const d = await provisioned(user, (await createDeployment(user, { name: `${name} ${run}` })).id);
  made.push({ id: d.id, by: lead });
  return d;
}

async function handOverMails(user: TestUser): Promise<ReceivedMail[]> {
  return (await mailsTo(`${user.login}@example.test`)).filter((mail) => mail.text.includes(run) && / handed over to you$/.test(mail.subject));
}

const subjectOf = (mail: ReceivedMail | undefined): string => (mail?.subject ?? '').replace(/^\[[^\]]*\] /, '');

test('a transfer tells the receiver which deployment and whose it was, with a link to it', async () => {
  const d = await deployment(owner, 'Handed over alone');
  const response = await api<Deployment>(owner, 'POST', `/deployments/${d.id}/transfer`, { to: receiver.login });
  assert.equal(response.status, 200, JSON.stringify(response.body));

  const mails = await handOverMails(receiver);
  assert.deepEqual(mails.map(subjectOf), [`“${d.name}” was handed over to you`]);
  const [mail] = mails;
  assert.ok(mail?.text.includes(`The deployment “${d.name}” (${d.templateName}) of Olivia Owner was handed over to you.`), mail?.text);
  assert.ok(mail?.links.some((href) => href.includes(`spp_open=${d.id}`)), JSON.stringify(mail?.links));
  assert.deepEqual(await handOverMails(owner), [], 'the previous owner is not told');
});

test('a bulk transfer of several sends the receiver one mail listing them, each with its previous owner', async () => {
  const mine = await deployment(owner, 'Bulk handed A');
  const also = await deployment(owner, 'Bulk handed B');
  const leads = await deployment(lead, 'Bulk handed C');
  const response = await api<{ results: Array<{ id: number; ok: boolean }> }>(lead, 'POST', '/deployments/bulk', {
    action: 'transfer', ids: [mine.id, also.id, leads.id], to: receiver.login,
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.deepEqual(response.body.results.map((r) => r.ok), [true, true, true]);

  const mails = (await handOverMails(receiver)).filter((mail) => mail.text.includes('Bulk handed'));
  assert.deepEqual(mails.map(subjectOf), ['3 deployments were handed over to you']);
  const text = mails[0]?.text ?? '';
  for (const [d, from] of [[mine, 'Olivia Owner'], [also, 'Olivia Owner'], [leads, 'Lena Lead']] as const) {
    assert.ok(text.includes(`“${d.name}” (${d.templateName}), from ${from}`), text);
    assert.ok(mails[0]?.links.some((href) => href.includes(`spp_open=${d.id}`)), `a link to ${d.name}`);
  }
});

test('nobody is mailed about what they handed to themself, nor against their preference', async () => {
  const taken = await deployment(owner, 'Taken by the lead');
  assert.equal((await api<Deployment>(lead, 'POST', `/deployments/${taken.id}/transfer`, { to: lead.login })).body.ownerId, lead.id);
  assert.deepEqual(await handOverMails(lead), []);

  assert.equal((await api(receiver, 'PUT', '/me/mail-preferences', { transferred: false })).status, 200);
  const unwanted = await deployment(owner, 'Handed over unwanted');
  assert.equal((await api<Deployment>(owner, 'POST', `/deployments/${unwanted.id}/transfer`, { to: receiver.login })).body.ownerId, receiver.id);
  assert.deepEqual((await handOverMails(receiver)).filter((mail) => mail.text.includes(unwanted.name)), []);
  assert.equal((await api(receiver, 'PUT', '/me/mail-preferences', { transferred: true })).status, 200);
});

test('a mail the SMTP server refuses changes nothing about the hand-over', async () => {
  const refused = createUser({ login: 'hm_refused', email: `hm_refused@${REFUSED_DOMAIN}`, rights: lifecycle });
  const a = await deployment(owner, 'Refused mail A');
  const b = await deployment(owner, 'Refused mail B');
  const response = await api<{ results: Array<{ ok: boolean; ownerLogin?: string }> }>(owner, 'POST', '/deployments/bulk', {
    action: 'transfer', ids: [a.id, b.id], to: refused.login,
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.deepEqual(response.body.results.map((r) => [r.ok, r.ownerLogin]), [[true, refused.login], [true, refused.login]]);
  for (const d of [a, b]) assert.equal((await api<Deployment>(refused, 'GET', `/deployments/${d.id}`)).body.ownerId, refused.id);
  assert.deepEqual(await mailsTo(`hm_refused@${REFUSED_DOMAIN}`), [], 'the SMTP server took nothing');
});

test("a deleted user's deployments: the user named on WordPress's delete screen gets one mail listing them", async () => {
  const leaving = createUser({ login: `hm_leaving_${run}`, displayName: 'Leo Leaving', rights: lifecycle });
  const first = await deployment(leaving, 'Left behind A');
  const second = await deployment(leaving, 'Left behind B');
  deleteUser(leaving.id, receiver.id);
  for (const d of [first, second]) assert.equal((await api<Deployment>(receiver, 'GET', `/deployments/${d.id}`)).body.ownerId, receiver.id);

  const mails = (await handOverMails(receiver)).filter((mail) => mail.text.includes('Left behind'));
  assert.deepEqual(mails.map(subjectOf), ['2 deployments were handed over to you']);
  for (const d of [first, second]) {
    assert.ok(mails[0]?.text.includes(`“${d.name}” (${d.templateName}), from Leo Leaving`), mails[0]?.text);
  }
});
