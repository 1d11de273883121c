import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { lastAuditId, type AuditRow } from '../support/audit.ts';
import { query } from '../support/db.ts';
import { createDeployment, provisioned, templates, type Deployment } from '../support/deployments.ts';
import { passTime, ticksOnTwoServers } from '../support/expiry.ts';
import { createUser, fixtureAdmin, type TestUser } from '../support/users.ts';
import { cronTick } from '../support/wordpress.ts';
import type { PhpServer } from '../../tools/wp-stack/server.ts';
import { startSecondServer } from '../soak/second-server.ts';

// A template's auto-stop schedule (docs/decisions/expiry-mail.md): after the site-local stop time
// on a listed weekday the tick stops each running deployment of the template once that day.
const lifecycle = ['portal_access', 'create', 'start', 'stop', 'delete'];
let second: { url: string; server: PhpServer };
let owner: TestUser;
const made: number[] = [];

before(async () => {
  second = await startSecondServer();
  owner = createUser({ login: 'as_owner', rights: lifecycle });
});

after(async () => {
  for (const id of made) await api(owner, 'DELETE', `/deployments/${id}`);
  await schedule('', [1, 2, 3, 4, 5]);
  await second.server.stop();
  createUser({ login: 'as_owner', rights: [] });
});

/** Today's ISO weekday (1 = Monday) in the site's timezone, as wp_timezone() reads the options. */
async function siteWeekday(): Promise<number> {
  const rows = await query<{ option_name: string; option_value: string }>(
    "SELECT option_name, option_value FROM wp_options WHERE option_name IN ('timezone_string', 'gmt_offset')",
  );
  const option = (name: string): string => rows.find((row) => row.option_name === name)?.option_value ?? '';
  const zone = option('timezone_string');
  const local = zone !== ''
    ? new Date(new Date().toLocaleString('en-US', { timeZone: zone }))
    : new Date(Date.now() + Number(option('gmt_offset') || 0) * 3600_000);
  const day = zone !== '' ? local.getDay() : local.getUTCDay();
  return day === 0 ? 7 : day;
}

async function schedule(autoStopTime: string, autoStopDays: number[]): Promise<void> {
  const response = await api(fixtureAdmin(), 'PUT', `/templates/${templates.linux}`, { autoStopTime, autoStopDays });
  assert.equal(response.status, 200, JSON.stringify(response.body));
}

/** A running deployment; `madeEarlier` moves its creation two days back, before today's stop time. */
async function running(madeEarlier: boolean): Promise<Deployment> {
  const d = await provisioned(owner, (await createDeployment(owner, { ttlHours: 96, name: `auto stop ${made.length + 1}` })).id);
  made.push(d.id);
  if (d.status !== 'RUNNING') {
    assert.equal((await api(owner, 'POST', `/deployments/${d.id}/start`)).status, 200);
  }
  if (madeEarlier) await passTime(d.id, 48 * 60);
  return d;
}

async function status(d: Deployment): Promise<string> {
  return (await api<Deployment>(owner, 'GET', `/deployments/${d.id}`)).body.status;
}

function autoStopRows(d: Deployment, since: number): Promise<AuditRow[]> {
  return query<AuditRow>(
    "SELECT * FROM wp_spp_audit_logs WHERE id > ? AND action = 'deployment.auto_stop' AND deployment_id = ?",
    [since, d.id],
  );
}

test('the template shows its schedule; a time or day out of range is refused with 400', async () => {
  await schedule('20:00', [5, 1, 3]);
  const list = await api<{ id: number; autoStopTime: string; autoStopDays: number[] }[]>(owner, 'GET', '/templates');
  const template = list.body.find((t) => t.id === templates.linux);
  assert.equal(template?.autoStopTime, '20:00');
  assert.deepEqual(template?.autoStopDays, [1, 3, 5], 'the days come back sorted');
  for (const body of [{ autoStopTime: '25:00' }, { autoStopTime: '8:00' }, { autoStopDays: [8] }, { autoStopDays: [0] }]) {
    const response = await api(fixtureAdmin(), 'PUT', `/templates/${templates.linux}`, body);
    assert.equal(response.status, 400, JSON.stringify(body));
    assert.equal(errorOf(response).code, 'rest_invalid_param');
  }
});

test('on a day not listed nothing is stopped', async () => {
  const today = await siteWeekday();
  await schedule('00:00', [today === 7 ? 1 : today + 1]);
  const d = await running(true);
  const since = await lastAuditId();
  cronTick();
  assert.equal(await status(d), 'RUNNING');
  assert.equal((await autoStopRows(d, since)).length, 0);
});

test('after the time on a listed day each running deployment is stopped once, however often two servers tick; started again it runs on', async () => {
  await schedule('00:00', [await siteWeekday()]);
  const d = await running(true);
  const since = await lastAuditId();
  await ticksOnTwoServers(second.url);
  assert.equal(await status(d), 'STOPPED');
  const rows = await autoStopRows(d, since);
  assert.equal(rows.length, 1, 'one audit row');
  assert.equal(rows[0]?.actor_id, 0, 'a system row');
  assert.equal(rows[0]?.result, 'success');
  assert.deepEqual(JSON.parse(rows[0]?.details ?? '{}'), { templateId: templates.linux, autoStopTime: '00:00', autoStopDays: [await siteWeekday()] });

  assert.equal((await api(owner, 'POST', `/deployments/${d.id}/start`)).status, 200);
  await ticksOnTwoServers(second.url);
  cronTick();
  assert.equal(await status(d), 'RUNNING', 'started again after the stop, it runs until the next day');
  assert.equal((await autoStopRows(d, since)).length, 1);
});

test('a deployment made after today\'s stop time runs on that day', async () => {
  await schedule('00:00', [await siteWeekday()]);
  const d = await running(false);
  cronTick();
  assert.equal(await status(d), 'RUNNING');
});
