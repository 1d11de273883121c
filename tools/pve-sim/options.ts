import { fileURLToPath } from 'node:url';
import type { TokenDefinition } from './acl.ts';

/** How long simulated work takes, in milliseconds. */
export interface Timings {
  /** Delay before any 401 answer (Proxmox: 3 s). */
  authFailureDelayMs: number;
  /** Full clone: this much per GiB of disk copied. */
  fullCloneMsPerGiB: number;
  linkedCloneMs: number;
  configMs: number;
  startMs: number;
  stopMs: number;
  /** How long a cooperative guest takes to power down after an ACPI shutdown. */
  shutdownMs: number;
  destroyMs: number;
  snapshotMs: number;
  /** After a start, the guest agent answers "not running" for this long. */
  agentStartupMs: number;
  /** Scale applied to the `timeout` parameter (seconds) of a shutdown a guest ignores. */
  msPerTimeoutSecond: number;
  /** How long a clone task waits for a VM's config lock (`lock_config_full(..., 1, ...)`: 1 s). */
  cloneLockTimeoutMs: number;
  /** How long other tasks (destroy) wait for it (`lock_config`: 10 s). */
  configLockTimeoutMs: number;
}

/** Roughly what a small real node feels like: usable interactively. */
export const REALISTIC_TIMINGS: Timings = {
  authFailureDelayMs: 3000,
  fullCloneMsPerGiB: 150,
  linkedCloneMs: 800,
  configMs: 300,
  startMs: 1500,
  stopMs: 800,
  shutdownMs: 3000,
  destroyMs: 1000,
  snapshotMs: 1000,
  agentStartupMs: 10000,
  msPerTimeoutSecond: 1000,
  cloneLockTimeoutMs: 1000,
  configLockTimeoutMs: 10000,
};

/** For automated tests: every task finishes in tens of milliseconds. */
export const FAST_TIMINGS: Timings = {
  authFailureDelayMs: 10,
  fullCloneMsPerGiB: 1,
  linkedCloneMs: 5,
  configMs: 5,
  startMs: 5,
  stopMs: 5,
  shutdownMs: 10,
  destroyMs: 5,
  snapshotMs: 5,
  agentStartupMs: 40,
  msPerTimeoutSecond: 1,
  cloneLockTimeoutMs: 1000,
  configLockTimeoutMs: 10000,
};

export interface SimOptions {
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Listen address. Default 127.0.0.1. */
  host?: string;
  /** The cluster's nodes; the first one answers the API (Proxmox's "local" node). Default: `node`, `<node>-2` and `<node>-3`. */
  nodes?: string[];
  /** The first node's name when `nodes` is absent. Default `pve-sim`. */
  node?: string;
  /** Memory of every node in MiB (default 128 GiB). */
  nodeMemoryMiB?: number;
  /** The corosync cluster name of a cluster of more than one node. Default CLUSTER_NAME. */
  clusterName?: string;
  /** Partial overrides of FAST_TIMINGS (the programmatic default). */
  timings?: Partial<Timings>;
  /** Tokens and their ACLs. Default: the full-privilege `portal@pve!support-portal`. */
  tokens?: TokenDefinition[];
  /** Secret of the default portal token (random when absent). */
  tokenSecret?: string;
  /** Bearer token for /_sim/ (random when absent). */
  controlToken?: string;
  /** The official API schema. Default: DEFAULT_SCHEMA_PATH. */
  schemaPath?: string;
  /** Where the CA and server certificate go. Default: a fresh temp dir, removed on stop(). */
  certDir?: string;
  /** Extra DNS names / IPs for the server certificate besides localhost, 127.0.0.1, ::1. */
  certHosts?: string[];
}

/**
 * The part of Proxmox's published API schema the simulator serves, kept in the repository
 * (pve-api-schema-subset.md says where it came from and how to regenerate it).
 */
export const SUBSET_SCHEMA_PATH = fileURLToPath(new URL('pve-api-schema-subset.json', import.meta.url));

/** The subset, unless PVE_API_SCHEMA names another file (the full schema or another subset). */
export const DEFAULT_SCHEMA_PATH = process.env.PVE_API_SCHEMA ?? SUBSET_SCHEMA_PATH;

export const DEFAULT_NODE = 'pve-sim';
/** A node's memory unless SimOptions.nodeMemoryMiB says otherwise. */
export const DEFAULT_NODE_MEMORY_MIB = 128 * 1024;
/** The corosync cluster name `/cluster/status` reports when there is more than one node, unless SimOptions.clusterName says otherwise. */
export const CLUSTER_NAME = 'pve-sim-cluster';

/** The node list: `nodes`, or `node` (default `pve-sim`) plus `<node>-2` and `<node>-3`. */
export function nodeNames(options: Pick<SimOptions, 'node' | 'nodes'>): string[] {
  if (options.nodes !== undefined) {
    if (options.nodes.length === 0) throw new Error('at least one node is required');
    if (new Set(options.nodes).size !== options.nodes.length) throw new Error('node names must be unique');
    return [...options.nodes];
  }
  const first = options.node ?? DEFAULT_NODE;
  return [first, `${first}-2`, `${first}-3`];
}
export const PORTAL_TOKEN_ID = 'portal@pve!support-portal';
