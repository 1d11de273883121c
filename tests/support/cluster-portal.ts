import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { api, type ApiResponse } from './api.ts';
import { query } from './db.ts';
import { templates, type Deployment } from './deployments.ts';
import { startPveSimProcess, type PveSimProcess, type SimTask } from './pve-sim.ts';
import { snapshotSettings } from './settings-snapshot.ts';
import { testSite } from './test-site.ts';
import { createUser, type TestUser } from './users.ts';

// The portal in HTTP mode against a three-node simulated cluster, for the files that prove it never
// touches a VM that is not a deployment's own (tests/api/cluster-*.test.ts). Deployments advance
// through reads of their own detail, as in http-mode.test.ts.

export interface Row {
  status: string;
  step: string;
  vmid: number | null;
  node: string;
  vm_connection: string;
  vm_marker: string;
  last_error: string;
}

/** Guests of the simulator's seed: anything else is a VM the portal (or a test's hand) made. */
export const SEED_VMIDS = [100, 200, 9001, 9002, 9003];
export const TEMPLATE_VMID = 9003;
/** Task types that change a VM. */
const MUTATING = ['qmstart', 'qmstop', 'qmshutdown', 'qmdestroy', 'qmconfig', 'qmclone', 'qmsnapshot', 'qmrollback', 'qmdelsnapshot'];

export interface ClusterPortal {
  sim: PveSimProcess;
  /**
   * The identity the portal records for this file's cluster. Each file's simulator has a cluster
   * name of its own: deployments other files left on their clusters are on other connections, so
   * they are not counted on this file's nodes (placement counts every deployment of a connection).
   */
  connection: string;
  manager: TestUser;
  owner: TestUser;
  /** HTTP-mode settings pointing at the simulator (or mock mode). */
  useHttp(): Promise<void>;
  useMock(): Promise<void>;
  create(name: string): Promise<number>;
  read(id: number): Promise<ApiResponse<Deployment>>;
  /** Reads until no step is pending; null once deleted. */
  settle(id: number): Promise<Deployment | null>;
  provisioned(name: string): Promise<Deployment>;
  remove(id: number): Promise<void>;
  row(id: number): Promise<Row>;
  expireNow(id: number): Promise<void>;
  /** The simulator's tasks that changed VM `vmid` after the task count `since`. */
  mutationsOf(vmid: number, since: number): Promise<SimTask[]>;
  taskCount(): Promise<number>;
  /** Runs PHP with the site loaded, in its own process (e.g. a worker or an expiry beside a request). */
  php(code: string): Promise<void>;
  close(): Promise<void>;
}

export async function startClusterPortal(prefix: string, secret: string): Promise<ClusterPortal> {
  const clusterName = `${prefix}-cluster`;
  const sim = await startPveSimProcess(['--token-secret', secret, '--cluster-name', clusterName]);
  const manager = createUser({ login: `${prefix}_manager`, rights: ['portal_access', 'manage_settings'] });
  const owner = createUser({ login: `${prefix}_owner`, rights: ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete', 'snapshot'] });
  const saved = await snapshotSettings(manager);

  async function settings(body: Record<string, unknown>): Promise<void> {
    const response = await api(manager, 'PUT', '/settings', { defaultUserRamLimitMb: 0, globalRamLimitMb: 0, ...body });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  }

  const read = (id: number): Promise<ApiResponse<Deployment>> => api<Deployment>(owner, 'GET', `/deployments/${id}`);

  async function settle(id: number): Promise<Deployment | null> {
    for (let attempt = 0; attempt < 40; attempt++) {
      const response = await read(id);
      if (response.status === 404) return null;
      assert.equal(response.status, 200, JSON.stringify(response.body));
      if (response.body.step === '') return response.body;
    }
    assert.fail(`deployment ${id} still has a pending step`);
  }

  async function row(id: number): Promise<Row> {
    const [found] = await query<Row>(
      'SELECT status, step, vmid, node, vm_connection, vm_marker, last_error FROM wp_spp_deployments WHERE id = ?', [id],
    );
    assert.ok(found, `deployment ${id} has a row`);
    return found;
  }

  async function create(name: string): Promise<number> {
    const response = await api<Deployment>(owner, 'POST', '/deployments', { templateId: templates.linux, name });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id;
  }

  return {
    sim,
    connection: `pve-cluster:${clusterName}`,
    manager,
    owner,
    useHttp: () => settings({ mode: 'http', baseUrl: sim.url, tokenId: sim.tokenId, tokenSecret: secret, node: sim.node, caCertificate: sim.ca }),
    useMock: () => settings({ mode: 'mock' }),
    create,
    read,
    settle,
    async provisioned(name) {
      const done = await settle(await create(name));
      assert.equal(done?.status, 'STOPPED', JSON.stringify(done));
      return done;
    },
    async remove(id) {
      const response = await api(owner, 'DELETE', `/deployments/${id}`);
      assert.equal(response.status, 202, JSON.stringify(response.body));
      assert.equal(await settle(id), null);
      assert.equal((await row(id)).status, 'DELETED');
    },
    row,
    async expireNow(id) {
      await query('UPDATE wp_spp_deployments SET expires_at = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 MINUTE) WHERE id = ?', [id]);
    },
    async mutationsOf(vmid, since) {
      return (await sim.state()).tasks.slice(since).filter((t) => t.id === String(vmid) && MUTATING.includes(t.type));
    },
    async taskCount() {
      return (await sim.state()).tasks.length;
    },
    async php(code) {
      const site = testSite();
      const child = spawn('php', ['-d', 'display_errors=stderr', '-r', `require ${JSON.stringify(`${site.coreDir}/wp-load.php`)}; ${code}`], {
        env: { ...process.env, SPP_WP_SITE_CONFIG: site.siteConfig },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      const [exitCode] = await once(child, 'exit') as [number | null];
      assert.equal(exitCode, 0);
    },
    async close() {
      try {
        await saved.restore();
      } finally {
        await sim.stop();
      }
    },
  };
}
