import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { startPreviewSite, type PreviewSite } from '../../tools/playground/preview-site.ts';
import { freePort } from '../../tools/wp-stack/ports.ts';
import { launchBrowser } from '../support/browser.ts';
import { assertNoProblems, openSession, type PortalSession } from '../e2e/portal-support.ts';

// The directory's Live Preview (.wordpress-org/blueprints/blueprint.json) in WordPress Playground's
// CLI, offline, on Playground's SQLite database (docs/decisions/wordpress-versions.md): the demo
// engineer lands on the portal, the schema upgrade has run under the lock fallback
// (docs/decisions/db-lock-fallback.md), and a deployment is made and provisioned on the mock.
// `npm run test:playground`; not part of `npm test` (boot and journey take minutes here).

const probe = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'lock-fallback-probe.php'), 'utf8');
/** Playground answers slowly while it compiles PHP on the first requests; a cold page may take half a minute. */
const slow = { timeout: 90_000 };

let preview: PreviewSite;
let browser: Browser;
let session: PortalSession;

before(async () => {
  // The probe runs twice after the blueprint: once to abandon a lock, once to judge the rest.
  const probeStep = { step: 'runPHP', code: probe };
  preview = await startPreviewSite({ port: await freePort(), debugLog: true, extraSteps: [probeStep, probeStep] });
  browser = await launchBrowser();
  // No login here: the blueprint's login step logs the demo engineer in on the first request.
  session = await openSession(browser, null);
});

after(async () => {
  await session?.context.close();
  await browser?.close();
  await preview?.stop();
});

test('on SQLite, DbLock falls back on lock rows: exclusive, re-entrant, freed at the end of a request, stale ones taken over', () => {
  const results = JSON.parse(fs.readFileSync(path.join(preview.contentDir, 'spp-lock-probe.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(results, {
    abandonedRowWhileHeld: true,
    namedLocks: false,
    abandonedLockFreedAtShutdown: true,
    acquired: true,
    rowWhileHeld: true,
    takenAgainByItsHolder: true,
    rowAfterInnerRelease: true,
    rowAfterRelease: false,
    liveLockRefused: true,
    waitedSeconds: results.waitedSeconds,
    liveLockKept: true,
    staleLockTakenOver: true,
    staleRowReplaced: true,
    takenOverRowReleased: true,
  });
  assert.ok(Number(results.waitedSeconds) >= 1, `a held lock is waited for up to the timeout (waited ${String(results.waitedSeconds)} s)`);
});

test('the Live Preview lands the demo engineer on the portal, lists templates and provisions a deployment on the mock', async () => {
  const { page } = session;
  const portal = page.locator('.spp-portal');
  await page.goto(preview.landingUrl, slow);
  await portal.getByRole('heading', { name: 'My deployments' }).waitFor(slow);
  await portal.getByRole('link', { name: 'New deployment' }).click();
  // The templates exist only if the schema upgrade ran: on SQLite it holds the lock row.
  await portal.getByRole('radio', { name: /^Linux Utility VM/ }).check(slow);
  await portal.getByLabel('Name (optional)').fill('Preview journey');
  // Creating takes the quota lock, provisioning the clone lock: both on the fallback.
  await portal.getByRole('button', { name: 'Create deployment' }).click();
  const heading = portal.getByRole('heading', { level: 2, name: /Preview journey/ });
  await heading.waitFor(slow);
  // The detail view polls while the worker provisions; the mock's template takes a baseline first.
  await portal.getByRole('heading', { level: 2, name: /Preview journey\s*Stopped/ })
    .waitFor({ timeout: 180_000 })
    .catch(async (error: unknown) => assert.fail(`provisioning did not end: the heading says "${await heading.textContent()}" (${String(error)})`));
  assertNoProblems(session);
  const log = fs.readFileSync(preview.debugLog, 'utf8');
  assert.match(log, /spp lock probe done/, 'the debug log is the one PHP writes to');
  assert.doesNotMatch(log, /database error|PHP (Fatal|Warning|Notice|Deprecated)/, 'the site logged no database error or PHP problem');
});
