import { spawnSync } from 'node:child_process';
import { demoUsers } from './demo-users.ts';
import { devSiteName } from './dev-site.ts';
import { freePort } from './ports.ts';
import { ensurePrerequisites, orExit } from './prerequisites.ts';
import { launchSite } from './site.ts';

const started = Date.now();
const name = await orExit('npm start', async () => {
  await ensurePrerequisites();
  return devSiteName();
});
if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status !== 0) {
  console.error('Building the admin UI failed (npm run build): see the output above.');
  process.exit(1);
}
const port = await freePort(Number(process.env.PORT ?? 8080));
const site = await launchSite({ name, port, persistent: true, users: demoUsers, portalPage: true });

console.log(`\nSupport Provisioning Portal is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
console.log(`  Site:        ${site.url}/`);
console.log(`  Admin page:  ${site.url}/wp-admin/admin.php?page=support-provisioning`);
console.log(`  Portal page: ${site.portalUrl ?? '(none)'}   ([support_provisioning_portal] on a page)`);
console.log(`  Log in at:   ${site.url}/wp-login.php`);
console.log(`  Files:       ${site.dir}   Database: ${site.databaseName}\n`);
for (const user of demoUsers) {
  console.log(`  ${user.login.padEnd(10)} ${user.password.padEnd(26)} ${user.displayName}`);
}
console.log('\nProxmox mode: mock (no cluster needed). Press Ctrl-C to stop.\n');

const shutdown = (): void => {
  void site.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
