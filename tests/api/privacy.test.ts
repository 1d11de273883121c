import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api } from '../support/api.ts';
import { query } from '../support/db.ts';
import { createDeployment, provisioned } from '../support/deployments.ts';
import { createUser, fixtureAdmin } from '../support/users.ts';
import { privacyRequest, type PrivacyPage } from '../support/wordpress.ts';

// WordPress's privacy tools with the plugin's exporter and eraser (docs/decisions/privacy.md).

const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];
const subject = createUser({ login: 'privacy_subject', email: 'subject@privacy.example.test', rights: lifecycle, ramLimitMb: 4096 });
const colleague = createUser({ login: 'privacy_colleague', rights: lifecycle });

type Item = { group_id: string; item_id: string; data: { name: string; value: string }[] };
const itemsOf = (pages: PrivacyPage[]): Item[] =>
  pages.flatMap((page) => (typeof page.data === 'string' ? [] : page.data.data ?? []));
const field = (item: Item | undefined, name: string) => item?.data.find((d) => d.name === name)?.value;

interface Row {
  id: number;
  actor_id: number;
  actor_login: string;
  ip: string;
  details: string;
}

async function rowsNaming(): Promise<Row[]> {
  return query<Row>('SELECT id, actor_id, actor_login, ip, details FROM wp_spp_audit_logs WHERE actor_id = ? OR details LIKE ? ORDER BY id', [
    subject.id, '%"privacy_subject"%',
  ]);
}

test('the export lists the rights, owned and shared deployments and the audit rows with login and IP', async () => {
  const owned = await provisioned(subject, (await createDeployment(subject, { name: 'Privacy PBX', ticketRef: 'PRIV-1' })).id);
  const shared = await provisioned(colleague, (await createDeployment(colleague, { name: 'Privacy shared' })).id);
  assert.equal((await api(colleague, 'POST', `/deployments/${shared.id}/shares`, { user: subject.login })).status, 200);

  const { pages } = privacyRequest('subject@privacy.example.test', 'export_personal_data', fixtureAdmin().id);
  assert.ok(pages.every((page) => page.success), JSON.stringify(pages).slice(0, 500));
  const items = itemsOf(pages);
  const rights = items.find((item) => item.group_id === 'spp-rights');
  assert.equal(field(rights, 'Rights'), lifecycle.join(', '));
  assert.equal(field(rights, 'RAM limit (MB)'), '4096');
  const deployment = items.find((item) => item.item_id === `spp-deployment-${owned.id}`);
  assert.deepEqual([field(deployment, 'Deployment'), field(deployment, 'Ticket reference')], ['Privacy PBX', 'PRIV-1']);
  assert.equal(field(items.find((item) => item.item_id === `spp-share-${shared.id}`), 'Deployment'), 'Privacy shared');
  const create = items.find((item) => item.group_id === 'spp-audit' && field(item, 'Action') === 'deployment.create');
  assert.deepEqual([field(create, 'Login'), field(create, 'IP address')], [subject.login, '127.0.0.1']);
  const own = await query('SELECT id FROM wp_spp_audit_logs WHERE actor_id = ?', [subject.id]);
  assert.equal(items.filter((item) => item.group_id === 'spp-audit').length, own.length, 'every own audit row');
});

test('the eraser anonymises the audit rows (login, IP, the login in details) and deletes none; rights and deployments stay', async () => {
  // A row of someone else that names the subject in its details.
  const handed = await provisioned(colleague, (await createDeployment(colleague, { name: 'Privacy hand-over' })).id);
  assert.equal((await api(colleague, 'POST', `/deployments/${handed.id}/transfer`, { to: subject.login })).status, 200);
  const before = await rowsNaming();
  assert.ok(before.some((row) => row.actor_id === colleague.id), 'a colleague\'s row names the subject');
  const stretches = async () => query<{ owner_login: string }>('SELECT owner_login FROM wp_spp_usage_history WHERE owner_id = ?', [subject.id]);
  assert.ok((await stretches()).some((stretch) => stretch.owner_login === subject.login), 'the usage history names the subject');

  const { pages } = privacyRequest('subject@privacy.example.test', 'remove_personal_data', fixtureAdmin().id);
  const last = pages[pages.length - 1]!;
  assert.equal(last.success, true, JSON.stringify(last));
  assert.ok(typeof last.data !== 'string');
  assert.deepEqual([last.data.done, last.data.items_retained], [true, true]);
  assert.ok(pages.some((page) => typeof page.data !== 'string' && page.data.items_removed), 'rows were anonymised');
  assert.match(last.data.messages?.join(' ') ?? '', /rights and deployments are kept/);

  const after = await query<Row>(`SELECT id, actor_id, actor_login, ip, details FROM wp_spp_audit_logs WHERE id IN (${before.map(() => '?').join(',')}) ORDER BY id`, before.map((row) => row.id));
  assert.equal(after.length, before.length, 'no row deleted');
  for (const row of after) {
    if (row.actor_id === subject.id) assert.deepEqual([row.actor_login, row.ip], ['', ''], `row ${row.id}`);
    assert.ok(!row.details.includes('"privacy_subject"'), `row ${row.id} details: ${row.details}`);
  }
  const transfer = after.find((row) => row.actor_id === colleague.id && row.details.includes('toId'));
  assert.deepEqual(JSON.parse(transfer!.details), { fromId: colleague.id, fromLogin: colleague.login, toId: subject.id, toLogin: '' });
  assert.equal((await api(subject, 'GET', `/deployments/${handed.id}`)).status, 200, 'the subject still owns and sees it');
  assert.deepEqual([...new Set((await stretches()).map((stretch) => stretch.owner_login))], [''], 'the usage history keeps the stretches, without the login');
});
