import type { Route } from './call.ts';
import { permissions } from './handlers/access.ts';
import { networkGetInterfaces } from './handlers/agent.ts';
import { cloneVm } from './handlers/clone.ts';
import { clusterStatus, nextId, nodes, nodeStatus, resources, version } from './handlers/cluster.ts';
import { destroyVm } from './handlers/destroy.ts';
import { shutdownVm, startVm, stopVm } from './handlers/power.ts';
import { createSnapshot, deleteSnapshot, listSnapshots, rollbackSnapshot } from './handlers/snapshot.ts';
import { taskLog, taskStatus } from './handlers/tasks.ts';
import { currentStatus, getConfig, listQemu } from './handlers/vm-read.ts';
import { postConfig, putConfig } from './handlers/vm-update.ts';

const VM = '/nodes/{node}/qemu/{vmid}';

/** Every API route the simulator answers; paths are spelled exactly as in the official schema. */
export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/version', handler: version },
  { method: 'GET', path: '/access/permissions', handler: permissions },
  { method: 'GET', path: '/cluster/nextid', handler: nextId },
  { method: 'GET', path: '/cluster/resources', handler: resources },
  { method: 'GET', path: '/cluster/status', handler: clusterStatus },
  { method: 'GET', path: '/nodes', handler: nodes },
  { method: 'GET', path: '/nodes/{node}/status', handler: nodeStatus },
  { method: 'GET', path: '/nodes/{node}/qemu', handler: listQemu },
  { method: 'DELETE', path: VM, handler: destroyVm },
  { method: 'POST', path: `${VM}/clone`, handler: cloneVm },
  { method: 'GET', path: `${VM}/config`, handler: getConfig },
  { method: 'PUT', path: `${VM}/config`, handler: putConfig },
  { method: 'POST', path: `${VM}/config`, handler: postConfig },
  { method: 'GET', path: `${VM}/status/current`, handler: currentStatus },
  { method: 'POST', path: `${VM}/status/start`, handler: startVm },
  { method: 'POST', path: `${VM}/status/stop`, handler: stopVm },
  { method: 'POST', path: `${VM}/status/shutdown`, handler: shutdownVm },
  { method: 'GET', path: `${VM}/agent/network-get-interfaces`, handler: networkGetInterfaces },
  { method: 'GET', path: `${VM}/snapshot`, handler: listSnapshots },
  { method: 'POST', path: `${VM}/snapshot`, handler: createSnapshot },
  { method: 'POST', path: `${VM}/snapshot/{snapname}/rollback`, handler: rollbackSnapshot },
  { method: 'DELETE', path: `${VM}/snapshot/{snapname}`, handler: deleteSnapshot },
  { method: 'GET', path: '/nodes/{node}/tasks/{upid}/status', handler: taskStatus },
  { method: 'GET', path: '/nodes/{node}/tasks/{upid}/log', handler: taskLog },
];
