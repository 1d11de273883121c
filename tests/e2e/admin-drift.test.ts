import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { query } from '../support/db.ts';
import { createDeployment, provisioned, type Deployment } from '../support/deployments.ts';
import { createUser } from '../support/users.ts';
import { deleteOption } from '../support/wordpress.ts';
import { auditRows, browserUser, openAdmin, screenshot, type BrowserUser } from './admin-support.ts';

// The Drift view (docs/decisions/drift.md) on the mock node: a VM resized by hand and an orphan
// restored after its deployment was deleted are found by "Check now"; each row's one action asks
// first and repairs it. The API's behaviour against the simulator: tests/api/drift.test.ts.

const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];

interface MockVm {
  vmid: number;
  name: string;
  template_vmid: number;
  cores: number;
  memory_mb: number;
  description: string;
  tags: string;
}

let browser: Browser;
let lead: BrowserUser;

before(async () => {
  browser = await launchBrowser();
  lead = await browserUser({ login: 'e2e_drift_lead', displayName: 'Dee Lead', rights: ['portal_access', 'manage_all', 'delete'] });
  deleteOption('spp_drift_report');
});

after(async () => {
  deleteOption('spp_drift_report');
  createUser({ login: 'e2e_drift_lead', rights: [] });
  await browser.close();
});

async function mockVm(vmid: number): Promise<MockVm> {
  const [vm] = await query<MockVm>('SELECT vmid, name, template_vmid, cores, memory_mb, description, tags FROM wp_spp_mock_vms WHERE vmid = ?', [vmid]);
  assert.ok(vm, `mock VM ${vmid}`);
  return vm;
}

test('a lead checks for drift, re-applies a size changed by hand and adopts an orphan for a colleague', async () => {
  const owner = createUser({ login: 'e2e_drift_owner', rights: lifecycle });
  const resized = await provisioned(owner, (await createDeployment(owner, { name: 'e2e drift resized' })).id);
  const original = await mockVm(resized.vmid!);
  await query('UPDATE wp_spp_mock_vms SET memory_mb = ? WHERE vmid = ?', [original.memory_mb * 2, resized.vmid]);

  // A deployment deleted through the portal, whose VM an admin later restored from a backup.
  const lost = await provisioned(owner, (await createDeployment(owner, { name: 'e2e drift restored' })).id);
  const backup = await mockVm(lost.vmid!);
  assert.equal((await api(owner, 'DELETE', `/deployments/${lost.id}`)).status, 202);
  for (let read = 0; read < 40 && (await api(owner, 'GET', `/deployments/${lost.id}`)).status === 200; read++);
  await query(
    "INSERT INTO wp_spp_mock_vms (vmid, name, template_vmid, status, cores, memory_mb, description, tags, protected) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, 0)",
    [backup.vmid, backup.name, backup.template_vmid, backup.cores, backup.memory_mb, backup.description, backup.tags],
  );

  const { page, context, problems } = await openAdmin(browser, lead, '#/drift');
  await page.getByRole('link', { name: 'Drift' }).waitFor();
  await page.getByRole('button', { name: 'Check now' }).click();
  const resizedRow = page.locator(`tr[data-deployment="${resized.id}"]`);
  const orphanRow = page.locator(`tr[data-vmid="${backup.vmid}"]`);
  await resizedRow.waitFor();
  await orphanRow.waitFor();
  assert.match(await resizedRow.textContent() ?? '', new RegExp(`Memory \\(MB\\): ${original.memory_mb * 2} instead of ${original.memory_mb}\\.`));
  assert.match(await orphanRow.textContent() ?? '', /its deployment was deleted/);
  await orphanRow.getByLabel('Owner (login or email)').fill(owner.login);
  await screenshot(page, 'admin-drift');

  await resizedRow.getByRole('button', { name: 'Re-apply size' }).click();
  const reapply = page.getByRole('dialog', { name: 'Put back the size and name?' });
  await reapply.getByRole('button', { name: 'Re-apply size' }).click();
  await resizedRow.getByText('Done.').waitFor();
  assert.equal((await mockVm(resized.vmid!)).memory_mb, original.memory_mb);

  await orphanRow.getByRole('button', { name: 'Adopt' }).click();
  const adopt = page.getByRole('dialog', { name: 'Adopt this VM?' });
  assert.match(await adopt.textContent() ?? '', /becomes a deployment of e2e_drift_owner again/);
  await adopt.getByRole('button', { name: 'Adopt' }).click();
  await orphanRow.getByText(`Adopted for ${owner.login}.`).waitFor();
  const back = await api<Deployment>(owner, 'GET', `/deployments/${lost.id}`);
  assert.deepEqual([back.status, back.body.status, back.body.vmid], [200, 'RUNNING', backup.vmid]);
  // The next check finds neither any more.
  await page.getByRole('button', { name: 'Check now' }).click();
  await resizedRow.waitFor({ state: 'detached' });
  await orphanRow.waitFor({ state: 'detached' });

  assert.equal((await auditRows('drift.reapply', lead.login))[0]?.result, 'success');
  assert.equal((await auditRows('drift.adopt', lead.login))[0]?.result, 'success');
  assert.deepEqual(problems, []);
  await context.close();
  for (const id of [resized.id, lost.id]) assert.equal((await api(owner, 'DELETE', `/deployments/${id}`)).status, 202);
});
