import { query } from './db.ts';
import type { ClusterPortal } from './cluster-portal.ts';
import { mockFaults } from './wordpress.ts';

/** A snapshot operation as both adapters name their faults: the mock's keys, the simulator's task types. */
export type SnapshotOperation = 'snapshot' | 'rollback' | 'delsnapshot';

/**
 * What the snapshot tests do to "Proxmox" in either mode: the mock adapter's tables and faults,
 * or the simulator's state and faults. The tests themselves are the same for both.
 */
export interface SnapshotMode {
  name: 'mock' | 'http';
  use(): Promise<void>;
  /** The next call of the operation is refused with `message`. */
  failCall(operation: SnapshotOperation, message: string): Promise<void>;
  /** The next task of the operation ends with `message`. */
  failTask(operation: SnapshotOperation, message: string): Promise<void>;
  clearFaults(): Promise<void>;
  /** "Breaks" the VM: sets its cores out of band. */
  setCores(vmid: number, cores: number): Promise<void>;
  cores(vmid: number): Promise<number>;
  power(vmid: number): Promise<string>;
  /** Holds the VM under a config lock (null lifts it). */
  lock(vmid: number, lock: string | null): Promise<void>;
  /** The next VM cloned has a disk on a storage that cannot snapshot (undo with `restoreTemplate`). */
  snapshotlessStorage(): Promise<void>;
  restoreTemplate(): Promise<void>;
}

const TASK_TYPES: Record<SnapshotOperation, string> = { snapshot: 'qmsnapshot', rollback: 'qmrollback', delsnapshot: 'qmdelsnapshot' };
const CALLS: Record<SnapshotOperation, { method: string; path: string }> = {
  snapshot: { method: 'POST', path: '/nodes/*/qemu/*/snapshot' },
  rollback: { method: 'POST', path: '/nodes/*/qemu/*/snapshot/*/rollback' },
  delsnapshot: { method: 'DELETE', path: '/nodes/*/qemu/*/snapshot/*' },
};

interface MockVm {
  cores: number;
  status: string;
}

async function mockVm(vmid: number): Promise<MockVm> {
  const [vm] = await query<MockVm>('SELECT cores, status FROM wp_spp_mock_vms WHERE vmid = ?', [vmid]);
  if (!vm) throw new Error(`no mock VM ${vmid}`);
  return vm;
}

export function mockMode(portal: ClusterPortal): SnapshotMode {
  let faults: Record<string, string> = {};
  const fault = async (key: string, message: string) => {
    faults = { ...faults, [key]: message };
    mockFaults(faults);
  };
  return {
    name: 'mock',
    use: () => portal.useMock(),
    failCall: (operation, message) => fault(operation, message),
    failTask: (operation, message) => fault(`${operation}_task`, message),
    async clearFaults() {
      faults = {};
      mockFaults({});
    },
    async setCores(vmid, cores) {
      await query('UPDATE wp_spp_mock_vms SET cores = ? WHERE vmid = ?', [cores, vmid]);
    },
    cores: async (vmid) => (await mockVm(vmid)).cores,
    power: async (vmid) => (await mockVm(vmid)).status,
    async lock(vmid, lock) {
      // The mock's only lock is a clone's.
      await query(`UPDATE wp_spp_mock_vms SET locked_until = ${lock === null ? 'NULL' : 'DATE_ADD(UTC_TIMESTAMP(), INTERVAL 1 HOUR)'} WHERE vmid = ?`, [vmid]);
    },
    // The mock has no storages: its snapshot task fails as Proxmox's does on one.
    snapshotlessStorage: () => fault('snapshot_task', 'snapshot feature is not available'),
    restoreTemplate: async () => undefined,
  };
}

export function httpMode(portal: ClusterPortal, templateVmid: number): SnapshotMode {
  let templateDisk: string | number | undefined;
  const patch = (vmid: number, body: Record<string, unknown>) => portal.sim.control('PATCH', `/vms/${vmid}`, body);
  const guest = async (vmid: number) => {
    const vm = await portal.sim.guest(vmid);
    if (!vm) throw new Error(`no simulated VM ${vmid}`);
    return vm;
  };
  return {
    name: 'http',
    use: () => portal.useHttp(),
    failCall: (operation, message) => portal.sim.httpFault({ ...CALLS[operation], kind: 'error', status: 500, message }),
    failTask: (operation, message) => portal.sim.taskFault({ type: TASK_TYPES[operation], fail: message }),
    async clearFaults() {
      await portal.sim.control('DELETE', '/faults');
    },
    async setCores(vmid, cores) {
      await patch(vmid, { config: { cores } });
    },
    cores: async (vmid) => Number((await guest(vmid)).config['cores']),
    power: async (vmid) => (await guest(vmid)).status,
    lock: (vmid, lock) => portal.sim.lockVm(vmid, lock),
    async snapshotlessStorage() {
      templateDisk = (await guest(templateVmid)).config['scsi0'];
      await patch(templateVmid, { config: { scsi0: `nfs-images:${templateVmid}/base-${templateVmid}-disk-0.raw,size=32G` } });
    },
    async restoreTemplate() {
      if (templateDisk !== undefined) await patch(templateVmid, { config: { scsi0: templateDisk } });
      templateDisk = undefined;
    },
  };
}
