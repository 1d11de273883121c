import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { connect, localMariaDb } from '../../tools/wp-stack/database.ts';
import { PrerequisiteError } from '../../tools/wp-stack/prerequisite-error.ts';

// The stack's MariaDB connection on a busy machine: a connection the server drops is tried again,
// a server that is not there is reported at once. A proxy in front of the real MariaDB resets the
// first connections it is given.

async function resettingProxy(resets: number): Promise<{ port: number; accepted: () => number; close: () => void }> {
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted++;
    if (accepted <= resets) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(localMariaDb.port, localMariaDb.host);
    client.pipe(upstream).pipe(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as net.AddressInfo).port, accepted: () => accepted, close: () => server.close() };
}

describe('MariaDB connection of the stack', () => {
  it('tries again when the server resets the connection, and then works', async () => {
    const proxy = await resettingProxy(2);
    try {
      const connection = await connect({ ...localMariaDb, host: '127.0.0.1', port: proxy.port });
      const [rows] = await connection.query('SELECT 1 AS one');
      await connection.end();
      assert.deepEqual(rows, [{ one: 1 }]);
      assert.equal(proxy.accepted(), 3);
    } finally {
      proxy.close();
    }
  });

  it('gives up after five resets and says what to start', async () => {
    const proxy = await resettingProxy(Number.POSITIVE_INFINITY);
    try {
      await assert.rejects(connect({ ...localMariaDb, host: '127.0.0.1', port: proxy.port }), (error: unknown) => {
        assert.ok(error instanceof PrerequisiteError);
        assert.match(error.message, /Cannot reach MariaDB at 127\.0\.0\.1:\d+ as .*ECONNRESET/);
        return true;
      });
      assert.equal(proxy.accepted(), 5);
    } finally {
      proxy.close();
    }
  });

  it('reports a port nobody listens on at once', async () => {
    const closed = await resettingProxy(0);
    closed.close();
    await assert.rejects(connect({ ...localMariaDb, host: '127.0.0.1', port: closed.port }), /Cannot reach MariaDB .*ECONNREFUSED/);
  });
});
