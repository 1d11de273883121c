import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../../tools/wp-stack/ports.ts';
import { PortTakenError, startPhpServer } from '../../tools/wp-stack/server.ts';
import { launchSite } from '../../tools/wp-stack/site.ts';
import { fixtureUsers } from '../support/fixture-users.ts';

// Side-by-side suites pick free ports at the same moment, so another process can take a port
// between freePort() and PHP's bind. A connect to the port then reaches that process; the stack
// must not mistake it for its own server (a multisite file once lost its site this way).

let holder: net.Server;
let takenPort: number;
let scratch: string;

before(async () => {
  takenPort = await freePort();
  holder = net.createServer((socket) => socket.end());
  await new Promise<void>((resolve) => holder.listen(takenPort, '127.0.0.1', resolve));
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-php-server-'));
});

after(async () => {
  await new Promise((resolve) => holder.close(resolve));
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('a port taken by another process (tools/wp-stack/server.ts, site.ts)', () => {
  it('the PHP server reports the port as taken instead of trusting the other process\'s answer', async () => {
    await assert.rejects(
      startPhpServer({
        port: takenPort,
        docroot: scratch,
        siteConfig: path.join(scratch, 'none.php'),
        workers: 2,
        logFile: path.join(scratch, 'server.log'),
        errorLog: path.join(scratch, 'php-errors.log'),
      }),
      PortTakenError,
    );
  });

  it('a site asked for a taken port serves WordPress on another one and names that one in its URL', async () => {
    const site = await launchSite({ name: `tooling_port_${process.pid}`, port: takenPort, persistent: false, users: fixtureUsers.filter((user) => user.role === 'administrator') });
    try {
      const port = Number(new URL(site.url).port);
      assert.notEqual(port, takenPort);
      const index = await fetch(`${site.url}/?rest_route=/`);
      assert.equal(index.status, 200);
      assert.equal(((await index.json()) as { url: string }).url, site.url);
    } finally {
      await site.stop();
    }
  });
});

describe('a site\'s configuration rewritten while it serves (tools/wp-stack/site.ts)', () => {
  it('the next request reads the new configuration from the same server, which never gave its port up', async () => {
    const site = await launchSite({ name: `tooling_rewrite_${process.pid}`, port: await freePort(), persistent: false, users: fixtureUsers.filter((user) => user.role === 'administrator') });
    try {
      const home = async (): Promise<string> => ((await (await fetch(`${site.url}/?rest_route=/`)).json()) as { home: string }).home;
      // Each of the server's processes logs its start.
      const starts = (): number => fs.readFileSync(path.join(site.dir, 'server.log'), 'utf8').split('Development Server (').length - 1;
      // Older than opcache's file_update_protection (2 s), so the server caches it, as a site's config
      // usually is by the time a test rewrites it.
      const minuteAgo = new Date(Date.now() - 60_000);
      fs.utimesSync(site.siteConfig, minuteAgo, minuteAgo);
      assert.equal(await home(), site.url);
      const before = starts();
      site.rewriteConfig({ WP_HOME: `${site.url}/moved` });
      assert.equal(await home(), `${site.url}/moved`);
      assert.ok(before > 0);
      assert.equal(starts(), before, 'no server started again');
    } finally {
      await site.stop();
    }
  });
});

describe('a PHP server stopped twice (tools/wp-stack/server.ts)', () => {
  it('the second stop finds it gone and returns, as every clean-up after a failure may call it again', async () => {
    const server = await startPhpServer({
      port: await freePort(),
      docroot: scratch,
      siteConfig: path.join(scratch, 'none.php'),
      workers: 2,
      logFile: path.join(scratch, 'twice.log'),
      errorLog: path.join(scratch, 'php-errors.log'),
    });
    await server.stop();
    assert.equal(server.process.signalCode, 'SIGTERM');
    await server.stop();
  });
});
