import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../tools/pve-sim/cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

interface Banner {
  url: string;
  node: string;
  nodes: string[];
  caPath: string;
  tokenId: string;
  tokenSecret: string;
  controlToken: string;
}

describe('pve-sim CLI as a child process', () => {
  let child: ChildProcess | undefined;
  after(() => {
    child?.kill('SIGTERM');
  });

  it('starts on a free port, prints its details as JSON and serves the API over its own CA', async () => {
    child = spawn(process.execPath, [tsx, cli, '--json', '--fast', '--port', '0', '--nodes', 'cli-node,cli-b,cli-c'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    const banner = JSON.parse(first) as Banner;
    assert.equal(banner.node, 'cli-node');
    assert.deepEqual(banner.nodes, ['cli-node', 'cli-b', 'cli-c']);
    assert.equal(banner.tokenId, 'portal@pve!support-portal');
    const ca = await readFile(banner.caPath, 'utf8');
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${banner.url}/api2/json/nodes`, { ca, headers: { Authorization: `PVEAPIToken=${banner.tokenId}=${banner.tokenSecret}` } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(answer.status, 200);
    assert.deepEqual((JSON.parse(answer.body) as { data: { node: string }[] }).data.map((n) => n.node), ['cli-node', 'cli-b', 'cli-c']);
  });
});
