import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ALL_PRIVILEGES } from '../../tools/pve-sim/acl.ts';
import { runSitePhp } from '../../tools/wp-stack/php-cli.ts';
import { freePort } from '../../tools/wp-stack/ports.ts';
import { foreignCaPem } from '../support/certificates.ts';
import { startPveSimProcess, type PveSimProcess } from '../support/pve-sim.ts';
import { testSite } from '../support/test-site.ts';

// HttpProxmox, called directly inside the test site's WordPress, against the Proxmox VE
// simulator running as a child process over real TLS.

const fixture = fileURLToPath(new URL('./fixtures/proxmox-call.php', import.meta.url));

interface HttpConfig {
  baseUrl: string;
  tokenId: string;
  tokenSecret: string;
  node: string;
  caCertificate: string;
}

type Outcome = { ok: true; result: unknown } | { ok: false; error: string; code: number; class: string };
interface Call {
  method: string;
  args: unknown[];
}
interface Check {
  name: string;
  ok: boolean;
  message: string;
}
interface Task {
  running: boolean;
  exitStatus: string;
  succeeded: boolean;
}
const VMID_TAKEN = 1;
const VM_MISSING = 2;
const TLS_FAILED = 3;
const UNREACHABLE = 4;
const AUTH_FAILED = 5;
const LIMITED_TOKEN = { tokenId: 'portal@pve!http-test-limited', secret: 'limited-secret-4b1e9f' };
const BAD_SECRET = 'wrong-secret-7c0d2a';

let sim: PveSimProcess;
/** Every error message the adapter produced, checked for secrets at the end. */
const errors: string[] = [];

before(async () => {
  sim = await startPveSimProcess();
});

after(() => sim.stop());

beforeEach(async () => {
  await sim.control('POST', '/reset');
});

function config(overrides: Partial<HttpConfig> = {}): HttpConfig {
  return { baseUrl: sim.url, tokenId: sim.tokenId, tokenSecret: sim.tokenSecret, node: sim.node, caCertificate: sim.ca, ...overrides };
}

interface CallOptions {
  /** Replaces the adapter's 10 s timeout. */
  timeoutSeconds?: number;
  /** Canned 200 answers for API paths the simulator does not offer. */
  answers?: Record<string, unknown>;
}

/** Runs the calls in one PHP process, in order. */
function callAll(settings: HttpConfig, calls: Call[], options: CallOptions = {}): Outcome[] {
  const input = JSON.stringify({ config: settings, calls, ...options });
  const output = runSitePhp(testSite(), fixture, { SPP_PROXMOX_CALL: input });
  const outcomes = output.trim().split('\n').map((line) => JSON.parse(line) as Outcome);
  for (const outcome of outcomes) if (!outcome.ok) errors.push(outcome.error);
  return outcomes;
}

function call(settings: HttpConfig, method: string, ...args: unknown[]): Outcome {
  const [outcome] = callAll(settings, [{ method, args }]);
  assert.ok(outcome, 'the fixture printed a result');
  return outcome;
}

function ok<T>(settings: HttpConfig, method: string, ...args: unknown[]): T {
  const outcome = call(settings, method, ...args);
  assert.ok(outcome.ok, `${method} failed: ${outcome.ok ? '' : outcome.error}`);
  return outcome.result as T;
}

function failure(settings: HttpConfig, method: string, ...args: unknown[]): { error: string; code: number; class: string } {
  const outcome = call(settings, method, ...args);
  assert.ok(!outcome.ok, `${method} should fail, got ${JSON.stringify(outcome)}`);
  assert.equal(outcome.class, 'SupportProvisioningPortal\\Proxmox\\ProxmoxError');
  return outcome;
}

/** Polls taskStatus the way the Worker does, until the task has stopped. */
function waitForTask(upid: string): Task {
  for (let attempt = 0; attempt < 50; attempt++) {
    const status = ok<Task>(config(), 'taskStatus', upid);
    if (!status.running) return status;
  }
  assert.fail(`task ${upid} still running`);
}

/** A full clone of a template on the configured node, as the fixture passes it (a CloneSource). */
function source(vmid: number): { clone: { vmid: number } } {
  return { clone: { vmid } };
}

/** A VM addressed by value, as the fixture passes it (a VmRef). */
function ref(vmid: number, node = 'pve-sim'): { vm: { node: string; vmid: number } } {
  return { vm: { node, vmid } };
}

/** The connection test, with the approved templates whose clone needs it checks. */
function checks(settings: HttpConfig, templates: number[] = []): Check[] {
  return ok<Check[]>(settings, 'testConnection', templates);
}

/** The rows before the per-node rows at the end (tested in http-mode.test.ts). */
function withoutNodeRows(rows: Check[]): Check[] {
  return rows.filter((r) => !r.name.startsWith('node '));
}

const UPID = /^UPID:pve-sim:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:\w+:\d+:portal@pve!support-portal:$/;

test('missing settings and a plain-HTTP base URL are refused before any request', () => {
  const missing = failure(config({ tokenSecret: '' }), 'nextVmid');
  assert.match(missing.error, /^Missing Proxmox HTTP configuration: API token secret$/);
  assert.match(failure(config({ baseUrl: '', node: '' }), 'nextVmid').error, /^Missing Proxmox HTTP configuration: base URL, node$/);

  const insecure = config({ baseUrl: sim.url.replace('https://', 'http://') });
  assert.equal(failure(insecure, 'nextVmid').error, 'HTTP mode requires an https:// base URL');
  assert.deepEqual(checks(insecure), [{ name: 'configuration', ok: false, message: 'HTTP mode requires an https:// base URL' }]);
});

test('the connection test passes every row against a healthy node', () => {
  const rows = checks(config());
  assert.deepEqual(rows.map((r) => r.name), [
    'reachable', 'tls', 'token', 'node', 'VM.Audit', 'VM.Clone', 'VM.Allocate',
    'VM.Config.CPU', 'VM.Config.Memory', 'VM.Config.Options', 'VM.PowerMgmt', 'VM.GuestAgent.Audit',
    'node pve-sim', 'node pve-sim-2', 'node pve-sim-3',
  ]);
  for (const row of rows) assert.equal(row.ok, true, `${row.name}: ${row.message}`);
  assert.match(rows[0]!.message, /^Proxmox VE 9\.1\.3 answered at 127\.0\.0\.1:\d+\.$/);
  assert.match(rows[1]!.message, /configured CA certificate/);
  assert.match(rows[2]!.message, /portal@pve!support-portal/);
  assert.equal(rows[3]!.message, "Node 'pve-sim' is online.");
  assert.equal(rows[4]!.message, 'Granted on /vms: the portal can list templates and read VM status.');
});

test('a server without GET /access/permissions (501) gets the template count and an unverified row', async () => {
  await sim.control('POST', '/faults/http', { path: '/access/permissions', kind: 'error', status: 501, message: "Method 'GET /access/permissions' not implemented" });
  const rows = checks(config());
  assert.deepEqual(rows.map((r) => [r.name, r.ok]), [['reachable', true], ['tls', true], ['token', true], ['node', true], ['VM.Audit', true], ['privileges', true], ['node pve-sim', true], ['node pve-sim-2', true], ['node pve-sim-3', true]]);
  assert.equal(rows[4]!.message, '3 QEMU templates are visible.');
  assert.match(rows[5]!.message, /^Not verified: .*GET \/access\/permissions/);
});

test('where Proxmox reports the token\'s permissions, each privilege the portal needs gets a row', () => {
  // GET /access/permissions?path=/vms answers the effective privileges there. This answer is canned
  // as a PVE 8 server would give it (VM.Monitor instead of VM.GuestAgent.Audit), with VM.PowerMgmt missing.
  const held = ['VM.Audit', 'VM.Clone', 'VM.Allocate', 'VM.Config.CPU', 'VM.Config.Memory', 'VM.Config.Options', 'VM.Monitor'];
  const answers = { '/access/permissions': { data: { '/vms': Object.fromEntries(held.map((p) => [p, 1])) } } };
  const [outcome] = callAll(config(), [{ method: 'testConnection', args: [[]] }], { answers });
  assert.ok(outcome?.ok);
  const rows = outcome.result as Check[];
  assert.deepEqual(rows.map((r) => [r.name, r.ok]), [
    ['reachable', true], ['tls', true], ['token', true], ['node', true],
    ['VM.Audit', true], ['VM.Clone', true], ['VM.Allocate', true], ['VM.Config.CPU', true], ['VM.Config.Memory', true],
    ['VM.Config.Options', true], ['VM.PowerMgmt', false], ['VM.GuestAgent.Audit', true],
    // The canned answer holds nothing on /nodes/<node>: no Sys.Audit there.
    ['node pve-sim', false], ['node pve-sim-2', false], ['node pve-sim-3', false],
  ]);
  assert.equal(rows.find((r) => r.name === 'VM.PowerMgmt')?.message, 'Missing: grant VM.PowerMgmt on /vms, or the portal cannot start and stop VMs.');
  assert.equal(rows.find((r) => r.name === 'VM.Clone')?.message, 'Granted on /vms: the portal can clone templates.');
});

test('a base URL given with /api2/json works the same', () => {
  assert.equal(typeof ok<number>(config({ baseUrl: `${sim.url}/api2/json/` }), 'nextVmid'), 'number');
});

test('templates are listed with cores, memory, disk and OS type read from their config', () => {
  const expected = [
    // On local-lvm base volumes: linked clones, but no `target` (pve-storage LvmThinPlugin, not shared).
    { vmid: 9001, name: 'turnkey-pbx-test', osType: 'l26', cpuCores: 2, memoryMb: 2048, diskGb: 20, node: 'pve-sim', sharedStorage: false, linkedClone: true },
    { vmid: 9002, name: 'windows-support-client', osType: 'win11', cpuCores: 4, memoryMb: 8192, diskGb: 64, node: 'pve-sim', sharedStorage: false, linkedClone: true },
    { vmid: 9003, name: 'linux-utility-vm', osType: 'l26', cpuCores: 2, memoryMb: 4096, diskGb: 32, node: 'pve-sim', sharedStorage: false, linkedClone: true },
  ];
  assert.deepEqual(ok(config(), 'listTemplates'), expected, 'VM 100 and LXC 200 are not templates');
  assert.deepEqual(ok(config(), 'templateInfo', 9002), expected[1]);

  assert.equal(failure(config(), 'templateInfo', 100).error, "VM 100 on node 'pve-sim' is not a template.");
  const missing = failure(config(), 'templateInfo', 4242);
  assert.equal(missing.code, VM_MISSING);
  assert.equal(missing.error, "Proxmox request failed with HTTP 500: Configuration file 'nodes/pve-sim/qemu-server/4242.conf' does not exist");
});

test('clone, configure, start, read IPs, stop and destroy a VM', async () => {
  const vmid = ok<number>(config(), 'nextVmid');
  assert.equal(vmid, 101, 'the lowest free VMID, as an integer');

  const clone = ok<string>(config(), 'cloneTemplate', source(9003), vmid, 'spp-7-http-adapter', 'marker: spp-7-http-adapter');
  assert.match(clone, UPID);
  assert.match(clone, /:qmclone:9003:/);
  assert.deepEqual(waitForTask(clone), { running: false, exitStatus: 'OK', succeeded: true });
  let vm = await sim.guest(vmid);
  assert.equal(vm?.name, 'spp-7-http-adapter');
  assert.equal(vm?.lock, null);
  assert.match(String(vm?.config.scsi0), new RegExp(`^local-lvm:vm-${vmid}-disk-0,`), 'a full clone has its own disk');

  const description = 'Managed by the Support Provisioning Portal.\ndeployment: 7\nowner: a&b=c (user 3)';
  assert.equal(ok(config(), 'configure', ref(vmid), 4, 3072, description, ['spp', 'spp-deployment-7', 'spp-owner-3'], ''), null);
  vm = await sim.guest(vmid);
  assert.equal(Number(vm?.config.cores), 4);
  assert.equal(Number(vm?.config.memory), 3072);
  assert.equal(vm?.config.description, description, 'form encoding keeps newlines, & and =');
  assert.equal(vm?.config.tags, 'spp;spp-deployment-7;spp-owner-3');

  assert.equal(ok(config(), 'vmStatus', ref(vmid)), 'stopped');
  assert.deepEqual(ok(config(), 'ipAddresses', ref(vmid)), { addresses: [], hint: 'The VM is not running.' });

  const start = ok<string>(config(), 'start', ref(vmid));
  assert.match(start, /:qmstart:/);
  assert.equal(waitForTask(start).succeeded, true);
  assert.equal(ok(config(), 'vmStatus', ref(vmid)), 'running');

  let ips = ok<{ addresses: string[]; hint: string }>(config(), 'ipAddresses', ref(vmid));
  for (let attempt = 0; ips.addresses.length === 0 && attempt < 40; attempt++) {
    assert.equal(ips.hint, 'The guest agent is not answering yet; the VM may still be booting.');
    ips = ok(config(), 'ipAddresses', ref(vmid));
  }
  // The agent also reports 127.0.0.1, ::1 and an fe80:: address: all dropped.
  assert.deepEqual(ips, { addresses: [`192.0.2.${(vmid % 250) + 2}`, `2001:db8::${vmid.toString(16)}`], hint: '' });

  const stop = ok<string>(config(), 'stop', ref(vmid));
  assert.match(stop, /:qmstop:/);
  assert.equal(waitForTask(stop).succeeded, true);
  assert.equal(ok(config(), 'vmStatus', ref(vmid)), 'stopped');

  assert.equal(ok(config(), 'setProtection', ref(vmid), true, ''), null);
  assert.equal(Number((await sim.guest(vmid))?.config.protection), 1);
  assert.equal(failure(config(), 'destroy', ref(vmid)).error, `Proxmox request failed with HTTP 500: can't remove VM ${vmid} - protection mode enabled`);
  ok(config(), 'setProtection', ref(vmid), false, '');
  assert.equal(Number((await sim.guest(vmid))?.config.protection), 0);

  const destroy = ok<string>(config(), 'destroy', ref(vmid));
  assert.match(destroy, /:qmdestroy:/);
  assert.equal(waitForTask(destroy).succeeded, true);
  assert.equal(await sim.guest(vmid), undefined, 'the VM is gone from the node');
  assert.equal(ok(config(), 'vmStatus', ref(vmid)), null, 'a missing VM has no status');
  assert.equal(failure(config(), 'start', ref(vmid)).code, VM_MISSING);
});

test('a task that fails reports its exit status', () => {
  const upid = ok<string>(config(), 'start', ref(100));
  assert.deepEqual(waitForTask(upid), { running: false, exitStatus: 'VM 100 already running', succeeded: false });
});

test('an unknown task answers "no such task", which the Worker treats as still starting', () => {
  const unknown = 'UPID:pve-sim:0000ABCD:0000ABCD:6790ABCD:qmclone:9003:portal@pve!support-portal:';
  const error = failure(config(), 'taskStatus', unknown).error;
  assert.equal(error, 'Proxmox request failed with HTTP 400: Parameter verification failed. upid: no such task');
  assert.match(failure(config(), 'taskStatus', 'not-a-upid').error, /^Not a Proxmox task id \(UPID\): not-a-upid$/);
});

test('two clones given one VMID both get a task; the loser\'s task fails with Proxmox\'s text', async () => {
  // Both tasks wait before they take any lock, as when the two POSTs arrive together.
  await sim.control('POST', '/faults/task', { type: 'qmclone', holdAtStart: true, count: 2 });
  const vmid = ok<number>(config(), 'nextVmid');
  const [first, second] = callAll(config(), [
    { method: 'cloneTemplate', args: [source(9001), vmid, 'spp-race-a', ''] },
    { method: 'cloneTemplate', args: [source(9002), vmid, 'spp-race-b', ''] },
  ]);
  assert.ok(first?.ok && second?.ok, 'the POST runs early checks only: both answer a UPID');
  assert.equal((await sim.control<{ released: number }>('POST', '/tasks/release')).released, 2);
  const tasks = [waitForTask(first.result as string), waitForTask(second.result as string)];
  assert.deepEqual(tasks.map((t) => t.succeeded), [true, false]);
  assert.match(tasks[1]!.exitStatus, new RegExp(`unable to create VM ${vmid}: config file already exists|can't lock file '/var/lock/qemu-server/lock-${vmid}\\.conf' - got timeout`));
  // Once the config exists, the POST's own early check refuses the VMID at once.
  const taken = failure(config(), 'cloneTemplate', source(9001), vmid, 'spp-existing', '');
  assert.equal(taken.code, VMID_TAKEN);
  assert.equal(taken.error, `Proxmox request failed with HTTP 500: unable to create VM ${vmid}: config file already exists`);
});

test('identity, where a VM lives and its config: what the portal\'s ownership proof reads', async () => {
  assert.equal(ok(config(), 'identity'), 'pve-cluster:pve-sim-cluster');
  await sim.control('POST', '/vms', { vmid: 150, name: 'made-by-hand', node: 'pve-sim-2' });
  assert.equal(ok(config(), 'findVmNode', 150), 'pve-sim-2');
  assert.equal(ok(config(), 'findVmNode', 4242), null);
  assert.equal(ok(config(), 'vmFacts', ref(150)), null, 'not on the configured node');
  const facts = ok<{ name: string; lock: string | null; protected: boolean; digest: string }>(config(), 'vmFacts', ref(150, 'pve-sim-2'));
  assert.deepEqual([facts.name, facts.lock, facts.protected], ['made-by-hand', null, false]);
  assert.match(facts.digest, /^[0-9a-f]{40}$/);
});

test('a locked VM answers with Proxmox\'s reason appended', async () => {
  await sim.control('PATCH', '/vms/100', { lock: 'backup' });
  assert.equal(failure(config(), 'configure', ref(100), 2, 2048, 'x', [], '').error, 'Proxmox request failed with HTTP 500: VM is locked (backup)');
});

test('a wrong token secret fails with HTTP 401 and never echoes the secret', () => {
  const settings = config({ tokenSecret: BAD_SECRET });
  const error = failure(settings, 'nextVmid');
  assert.equal(error.code, AUTH_FAILED);
  assert.equal(error.error, 'Proxmox request failed with HTTP 401: Authentication failed! — check the API token ID and secret.');
  const rows = checks(settings);
  assert.deepEqual(rows.map((r) => [r.name, r.ok]), [['reachable', true], ['tls', true], ['token', false]]);
  assert.equal(rows[2]?.message, error.error);
});

test('a token without a privilege gets HTTP 403 with the privilege Proxmox names', async () => {
  await sim.control('POST', '/tokens', { ...LIMITED_TOKEN, withoutPrivileges: ['VM.Clone'] });
  const settings = config({ tokenId: LIMITED_TOKEN.tokenId, tokenSecret: LIMITED_TOKEN.secret });
  assert.equal(failure(settings, 'cloneTemplate', source(9003), 150, 'spp-denied', '').error, 'Proxmox request failed with HTTP 403: Permission check failed (/vms/9003, VM.Clone)');
  assert.equal(await sim.guest(150), undefined);

  await sim.control('POST', '/tokens', { ...LIMITED_TOKEN, withoutPrivileges: ['VM.Audit'] });
  const rows = checks(settings);
  const audit = rows.find((r) => r.name === 'VM.Audit');
  assert.equal(audit?.ok, false, 'Proxmox silently hides VMs the token may not audit');
  assert.match(audit?.message ?? '', /VM\.Audit on \/vms/);
});

test('a node name that is not in the cluster is named in the error', () => {
  const settings = config({ node: 'pve-elsewhere' });
  const error = failure(settings, 'vmStatus', ref(100, 'pve-elsewhere')).error;
  assert.match(error, /^Proxmox request failed with HTTP 500: hostname lookup 'pve-elsewhere' failed/);
  const node = checks(settings).find((r) => r.name === 'node');
  assert.deepEqual(node, { name: 'node', ok: false, message: "Node 'pve-elsewhere' is not part of this cluster; its nodes are: pve-sim, pve-sim-2, pve-sim-3." });
});

test('a certificate from an unknown CA is a TLS error', () => {
  const settings = config({ caCertificate: '' });
  const error = failure(settings, 'nextVmid');
  assert.equal(error.code, TLS_FAILED);
  assert.match(error.error, /^TLS error talking to Proxmox: the certificate is not trusted \(set the CA certificate setting .*\)\. \(cURL error 60: /);
  const rows = checks(settings);
  assert.deepEqual(rows.map((r) => [r.name, r.ok]), [['reachable', true], ['tls', false]]);
  assert.equal(rows[1]?.message, error.error);
});

test('a host WordPress may not reach (WP_HTTP_BLOCK_EXTERNAL) is named', () => {
  const error = failure(config({ baseUrl: sim.url.replace('127.0.0.1', '127.0.0.2') }), 'nextVmid');
  assert.equal(error.code, UNREACHABLE);
  assert.match(error.error, /^WordPress blocks requests to Proxmox at 127\.0\.0\.2:\d+ \(WP_HTTP_BLOCK_EXTERNAL\): see WP_ACCESSIBLE_HOSTS\.$/);
});

test('a node that does not answer in time is a timeout', async () => {
  await sim.control('POST', '/faults/http', { path: '/cluster/nextid', kind: 'timeout' });
  const [outcome] = callAll(config(), [{ method: 'nextVmid', args: [] }], { timeoutSeconds: 2 });
  assert.ok(outcome && !outcome.ok);
  assert.equal(outcome.code, UNREACHABLE);
  assert.match(outcome.error, /^Proxmox at 127\.0\.0\.1:\d+ did not answer in time \(timeout\)\. \(cURL error 28: /);
});

test('a dropped connection and a closed port are named as such', async () => {
  await sim.control('POST', '/faults/http', { path: '/nodes/*/qemu/*/status/current', kind: 'reset' });
  const reset = failure(config(), 'vmStatus', ref(100));
  assert.equal(reset.code, UNREACHABLE);
  assert.match(reset.error, /^The connection to Proxmox at 127\.0\.0\.1:\d+ was reset before it answered\. \(cURL error \d+: /);

  const closed = await freePort();
  const refused = failure(config({ baseUrl: `https://127.0.0.1:${closed}` }), 'nextVmid');
  assert.equal(refused.code, UNREACHABLE);
  assert.match(refused.error, new RegExp(`^Could not connect to Proxmox at 127\\.0\\.0\\.1:${closed}: connection refused`));
  assert.deepEqual(checks(config({ baseUrl: `https://127.0.0.1:${closed}` })).map((r) => [r.name, r.ok]), [['reachable', false]]);
});

test('an injected server error keeps the status and Proxmox\'s message', async () => {
  await sim.control('POST', '/faults/http', { method: 'GET', path: '/cluster/resources', kind: 'error', status: 500, message: 'cfs-lock timeout\nsecond line' });
  assert.equal(failure(config(), 'listTemplates').error, 'Proxmox request failed with HTTP 500: cfs-lock timeout second line');
});

test('VM.GuestAgent.Unrestricted also satisfies the guest agent row', async () => {
  // Agent.pm register_command: every agent command accepts its own privilege or VM.GuestAgent.Unrestricted.
  await sim.control('POST', '/tokens', { ...LIMITED_TOKEN, withoutPrivileges: ['VM.GuestAgent.Audit'] });
  const rows = checks(config({ tokenId: LIMITED_TOKEN.tokenId, tokenSecret: LIMITED_TOKEN.secret }));
  assert.deepEqual(rows.find((r) => r.name === 'VM.GuestAgent.Audit'), {
    name: 'VM.GuestAgent.Audit', ok: true, message: 'Granted on /vms: the portal can read IP addresses from the guest agent.',
  });
});

test('the connection test checks the storages and bridges the approved templates\' clones need', () => {
  const rows = withoutNodeRows(checks(config(), [9001, 9002, 9003]));
  assert.deepEqual(rows.slice(12), [
    { name: 'SDN.Use on /sdn/zones/localnetwork/vmbr0', ok: true, message: 'Granted on /sdn/zones/localnetwork/vmbr0: cloning template 9001, 9002, 9003 needs it.' },
    { name: 'Datastore.AllocateSpace on /storage/local-lvm', ok: true, message: 'Granted on /storage/local-lvm: cloning template 9001, 9002, 9003 needs it.' },
  ]);
});

test('a VLAN tag is checked on its own path, each storage on its own, and a missing template is named', async () => {
  // PVE::GuestHelpers::check_vnet_access: SDN.Use on /sdn/zones/<zone>/<bridge>/<tag> for a tagged device.
  await sim.control('PATCH', '/vms/9003', {
    config: { net0: 'virtio=BC:24:11:90:03:00,bridge=vmbr0,tag=20,firewall=1', scsi0: 'fast-ssd:base-9003-disk-0,iothread=1,size=32G' },
  });
  const broad = ALL_PRIVILEGES.filter((p) => p !== 'SDN.Use' && p !== 'Datastore.AllocateSpace');
  await sim.control('POST', '/tokens', {
    ...LIMITED_TOKEN,
    acl: [
      { path: '/', privs: broad },
      { path: '/sdn/zones/localnetwork/vmbr0/20', privs: ['SDN.Use'] },
      { path: '/storage/fast-ssd', privs: ['Datastore.AllocateSpace'] },
    ],
  });
  const rows = withoutNodeRows(checks(config({ tokenId: LIMITED_TOKEN.tokenId, tokenSecret: LIMITED_TOKEN.secret }), [9001, 9003, 4242]));
  assert.ok(rows.slice(0, 12).every((r) => r.ok), JSON.stringify(rows.slice(0, 12)));
  assert.deepEqual(rows.slice(12), [
    {
      name: 'template 4242',
      ok: false,
      message: "Approved template 4242 cannot be read on node 'pve-sim': Proxmox request failed with HTTP 500: Configuration file 'nodes/pve-sim/qemu-server/4242.conf' does not exist",
    },
    { name: 'SDN.Use on /sdn/zones/localnetwork/vmbr0', ok: false, message: 'Missing: grant SDN.Use on /sdn/zones/localnetwork/vmbr0, or Proxmox refuses to clone template 9001.' },
    { name: 'SDN.Use on /sdn/zones/localnetwork/vmbr0/20', ok: true, message: 'Granted on /sdn/zones/localnetwork/vmbr0/20: cloning template 9003 needs it.' },
    { name: 'Datastore.AllocateSpace on /storage/fast-ssd', ok: true, message: 'Granted on /storage/fast-ssd: cloning template 9003 needs it.' },
    { name: 'Datastore.AllocateSpace on /storage/local-lvm', ok: false, message: 'Missing: grant Datastore.AllocateSpace on /storage/local-lvm, or Proxmox refuses to clone template 9001.' },
  ]);
});

test('a bridge that is an SDN VNet is checked in its zone', () => {
  // GET /cluster/sdn/vnets (not simulated) names each VNet's zone; a bridge not listed is in localnetwork.
  const answers = { '/cluster/sdn/vnets': { data: [{ vnet: 'vmbr0', zone: 'lab', type: 'vnet' }] } };
  const [outcome] = callAll(config(), [{ method: 'testConnection', args: [[9001]] }], { answers });
  assert.ok(outcome?.ok);
  const rows = outcome.result as Check[];
  assert.deepEqual(withoutNodeRows(rows).map((r) => r.name).slice(12), ['SDN.Use on /sdn/zones/lab/vmbr0', 'Datastore.AllocateSpace on /storage/local-lvm']);
  assert.ok(rows.every((r) => r.ok));
});

test('a custom CA is handed to cURL in memory: no CA file is left in the temp folder, and a wrong CA still fails', async () => {
  // Every call of this file used the simulator's CA, which is new for each simulator start: a
  // file holding it can only have been written by the adapter.
  assert.equal(checks(config()).every((r) => r.ok), true, 'the simulator\'s CA is trusted');
  ok(config(), 'listTemplates');
  assert.deepEqual(await caFilesIn(tmpdir()), [], 'no file in the temp folder holds the CA certificate');

  const wrong = failure(config({ caCertificate: foreignCaPem }), 'nextVmid');
  assert.equal(wrong.code, TLS_FAILED);
  assert.match(wrong.error, /^TLS error talking to Proxmox: the certificate is not trusted .*\(cURL error 60: /);
});

/** Files directly in the folder that hold the simulator's CA certificate (it keeps its own copy in a subfolder). */
async function caFilesIn(dir: string): Promise<string[]> {
  const body = sim.ca.trim().split('\n').slice(1, -1).join('\n');
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    // A CA file is small; other programs' large files are not read (nor ones gone meanwhile).
    const size = entry.isFile() ? (await stat(file).catch(() => null))?.size : undefined;
    if (size === undefined || size > 65_536) continue;
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.includes(body)) found.push(entry.name);
  }
  return found.sort();
}

test('no error message ever contains a token secret', () => {
  assert.ok(errors.length >= 15, `collected ${errors.length} errors`);
  for (const message of errors) {
    for (const secret of [sim.tokenSecret, BAD_SECRET, LIMITED_TOKEN.secret]) {
      assert.ok(!message.includes(secret), `secret in: ${message}`);
    }
    assert.ok(!message.includes('PVEAPIToken'), `authorization header in: ${message}`);
  }
});

