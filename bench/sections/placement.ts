import { setTimeout as sleep } from 'node:timers/promises';
import { startPveSimProcess } from '../../tests/support/pve-sim.ts';
import type { Bench } from '../lib/context.ts';
import { expectStatus, portal, timed } from '../lib/http.ts';
import { fmt, percentile } from '../lib/stats.ts';
import { table, type Figure, type Section } from '../lib/report.ts';
import { putSettings } from './concurrency.ts';

const SIM_SECRET = 'bench-sim-secret-placement-5a2e8c71-0b94-4d3f-a6e1-9c7b2d4f8e05';
const TEMPLATE_VMID = 9100;
const MEMORY_MB = 2048;
const NODE_MEMORY_MB = 96 * 1024;
const RESERVE_MB = 8192;
/** The simulator's base load per node (tools/pve-sim/handlers/cluster.ts). */
const BASE_LOAD_MB = 8 * 1024;
const POLL_MS = 500;

interface NodeUse {
  node: string;
  /** The portal's VMs placed there, MB (they are STOPPED, so Proxmox's own figure does not count them). */
  placedMb: number;
  vms: number;
  /** Proxmox's `mem` of the node at the end. */
  usedMb: number;
}

/**
 * Figure 9: `creates` creates from `clients` clients at once against a three-node simulator, a
 * template on shared storage (any node, with `target`), the default policy (most free memory after
 * the reserve): time until every deployment is STOPPED, how evenly the memory ended up, and that
 * no node went into its reserve.
 */
export async function placementSection(b: Bench): Promise<Section> {
  const creates = b.smoke ? 6 : 100;
  const clients = b.smoke ? 3 : b.sizes.clients;
  const sim = await startPveSimProcess(['--token-secret', SIM_SECRET, '--node-memory', String(NODE_MEMORY_MB)]);
  const created: number[] = [];
  const postMs: number[] = [];
  let templateId = 0;
  let refused = 0;
  let seconds = 0;
  let use: NodeUse[] = [];
  try {
    await putSettings(b, {
      mode: 'http', baseUrl: sim.url, tokenId: sim.tokenId, tokenSecret: SIM_SECRET, node: sim.node, caCertificate: sim.ca,
      placementPolicy: 'memory', nodeReserveMb: RESERVE_MB, nodeReserves: '', placementNodes: '',
    });
    await sim.createVm({
      vmid: TEMPLATE_VMID, name: 'bench-shared', node: sim.node,
      config: { template: 1, memory: String(MEMORY_MB), scsi0: `ceph:base-${TEMPLATE_VMID}-disk-0,size=8G` },
    });
    const imported = await expectStatus(b.url, b.manager, { method: 'POST', path: `${portal}/templates`, body: { proxmoxVmid: TEMPLATE_VMID } }, 201);
    templateId = (JSON.parse(imported.body) as { id: number }).id;

    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: clients }, async (_, k) => {
      const creator = b.creators[k % b.creators.length]!;
      for (let i = next++; i < creates; i = next++) {
        const answer = await timed(b.url, creator, { method: 'POST', path: `${portal}/deployments`, body: { templateId } });
        postMs.push(answer.ms);
        if (answer.status === 201) created.push((JSON.parse(answer.body) as { id: number }).id);
        else if (answer.status === 409 && answer.body.includes('spp_no_node_capacity')) refused++;
        else throw new Error(`create ${i}: ${answer.status} ${answer.body.slice(0, 300)}`);
      }
    }));
    // Each read of a deployment advances it, as the UI's polling does; the clients share the reads.
    const pending = new Set(created);
    while (pending.size > 0) {
      const ids = [...pending];
      await Promise.all(Array.from({ length: clients }, async (_, k) => {
        for (let j = k; j < ids.length; j += clients) {
          const read = await expectStatus(b.url, b.manager, { path: `${portal}/deployments/${ids[j]}` }, 200);
          const status = (JSON.parse(read.body) as { status: string }).status;
          if (status === 'STOPPED') pending.delete(ids[j]!);
          else if (status !== 'PROVISIONING') throw new Error(`Deployment ${ids[j]} ended ${read.body.slice(0, 300)}`);
        }
      }));
      if (pending.size > 0) await sleep(POLL_MS);
    }
    seconds = (performance.now() - started) / 1000;
    use = await nodeUse(b, sim, created);
  } finally {
    await putSettings(b, { mode: 'mock', nodeReserveMb: 2048 });
    if (templateId > 0) await expectStatus(b.url, b.manager, { method: 'DELETE', path: `${portal}/templates/${templateId}` }, 200);
    // Out of the way of the later sections: the VMs went with the simulator.
    if (created.length > 0) await b.db.query("UPDATE wp_spp_deployments SET status = 'DELETED', deleted_at = UTC_TIMESTAMP() WHERE id IN (?)", [created]);
    await sim.stop();
  }
  return report(use, { creates, clients, seconds, refused, postMs });
}

async function nodeUse(b: Bench, sim: Awaited<ReturnType<typeof startPveSimProcess>>, ids: number[]): Promise<NodeUse[]> {
  const [rows] = ids.length === 0
    ? [[]]
    : await b.db.query('SELECT node, COUNT(*) AS vms, SUM(memory_mb) AS mb FROM wp_spp_deployments WHERE id IN (?) GROUP BY node', [ids]);
  const placed = new Map((rows as { node: string; vms: number; mb: number }[]).map((r) => [r.node, r]));
  const state = await sim.state();
  return state.nodes.map((node) => {
    const running = state.guests.filter((g) => g.node === node && g.status === 'running')
      .reduce((sum, g) => sum + Number(String(g.config['memory'] ?? '0')), 0);
    return { node, placedMb: Number(placed.get(node)?.mb ?? 0), vms: Number(placed.get(node)?.vms ?? 0), usedMb: BASE_LOAD_MB + running };
  });
}

function report(use: NodeUse[], run: { creates: number; clients: number; seconds: number; refused: number; postMs: number[] }): Section {
  const committed = use.map((u) => u.usedMb + u.placedMb);
  const [max, min] = [Math.max(...committed), Math.min(...committed)];
  const overReserve = use.filter((u) => u.usedMb + u.placedMb > NODE_MEMORY_MB - RESERVE_MB).map((u) => u.node);
  const figures: Figure[] = [
    { figure: `${run.creates} creates from ${run.clients} clients, 3 nodes: first POST → all STOPPED`, value: fmt.s(run.seconds), aim: '–', met: null },
    { figure: 'Memory committed per node at the end: max / min (Proxmox use + placed portal VMs)', value: `${fmt.mb(max)} / ${fmt.mb(min)} (${(max / min).toFixed(2)}×)`, aim: '≤ 1.10×', met: max / min <= 1.1 },
    { figure: 'Nodes over their reserve', value: overReserve.length === 0 ? 'none' : overReserve.join(', '), aim: 'none', met: overReserve.length === 0 },
    { figure: 'POST deployments while placing (16 clients on 4 PHP workers): p50 / p95', value: `${fmt.ms(percentile(run.postMs, 50))} / ${fmt.ms(percentile(run.postMs, 95))}`, aim: '–', met: null },
  ];
  return {
    title: '10. Placement across a three-node cluster (simulator)',
    figures,
    detail: [
      `The portal in HTTP mode against tools/pve-sim with three nodes of ${fmt.mb(NODE_MEMORY_MB)} each (base load ${fmt.mb(BASE_LOAD_MB)}; the first node also runs the seed's VM 100 and container 200, 2.5 GiB), ` +
        `a ${fmt.mb(MEMORY_MB)} template on shared Ceph storage (cloned with \`target\` to the chosen node), the default policy (most free memory after a ${fmt.mb(RESERVE_MB)} reserve per node). ` +
        `${run.clients} clients post the creates at once (each as soon as its last one answered), then read every deployment until it is STOPPED, ${POLL_MS} ms apart; ` +
        'each read advances the deployment, as the UI\'s polling does. The VMs stay stopped, so Proxmox\'s own memory figure does not show them: ' +
        '"committed" adds the portal\'s VMs placed on the node, which is what placement counts (docs/decisions/placement.md). ' +
        `${run.refused} creates were refused for lack of room. The machine is shared with other engineers' test runs, so the times vary with their load.`,
      '',
      ...table(['Node', 'Portal VMs', 'Placed', 'Proxmox use', 'Committed', 'Limit (memory − reserve)'], use.map((u) => [
        u.node, String(u.vms), fmt.mb(u.placedMb), fmt.mb(u.usedMb), fmt.mb(u.usedMb + u.placedMb), fmt.mb(NODE_MEMORY_MB - RESERVE_MB),
      ])),
    ],
  };
}
