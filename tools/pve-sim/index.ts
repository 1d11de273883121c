import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fullAcl, type TokenDefinition } from './acl.ts';
import { createCertificates } from './certs.ts';
import { DEFAULT_SCHEMA_PATH, FAST_TIMINGS, nodeNames, PORTAL_TOKEN_ID, type SimOptions } from './options.ts';
import { ApiSchema } from './schema.ts';
import { createSimServer } from './server.ts';
import { Simulator } from './sim.ts';

export { ALL_PRIVILEGES, aclWithout, fullAcl, type AclEntry, type TokenDefinition } from './acl.ts';
export type { HttpFaultKind, HttpFaultRule, TaskFaultRule } from './faults.ts';
export { CLUSTER_NAME, DEFAULT_SCHEMA_PATH, FAST_TIMINGS, PORTAL_TOKEN_ID, REALISTIC_TIMINGS, type SimOptions, type Timings } from './options.ts';
export { ROUTES } from './routes.ts';
export type { Route } from './call.ts';
export { ApiSchema, validateParams } from './schema.ts';
export type { GuestTampering, HandMadeVm, Simulator, StateDump } from './sim.ts';

export interface RunningPveSim {
  /** `https://127.0.0.1:<port>` (no /api2/json). */
  url: string;
  port: number;
  /** The first node: the one that answers the API and holds the seed. */
  node: string;
  nodes: string[];
  /** The CA to trust (PEM file and contents). */
  caPath: string;
  caPem: string;
  /** The full-privilege portal token. */
  tokenId: string;
  tokenSecret: string;
  /** `PVEAPIToken=<tokenId>=<secret>` for the portal token. */
  authorization: string;
  /** Bearer token of the /_sim control API. */
  controlToken: string;
  /** In-process access to the same state and fault controls the /_sim API offers. */
  sim: Simulator;
  stop(): Promise<void>;
}

/** Starts a simulator: generates its CA, seeds the first node, listens (port 0 = any free port). */
export async function startPveSim(options: SimOptions = {}): Promise<RunningPveSim> {
  const nodes = nodeNames(options);
  const tokenSecret = options.tokenSecret ?? randomUUID();
  const tokens: TokenDefinition[] = options.tokens ?? [{ tokenId: PORTAL_TOKEN_ID, secret: tokenSecret, acl: fullAcl() }];
  const portal = tokens[0];
  if (!portal) throw new Error('at least one token is required');
  const controlToken = options.controlToken ?? randomBytes(24).toString('hex');
  const ownCertDir = options.certDir === undefined;
  const certDir = options.certDir ?? (await mkdtemp(path.join(tmpdir(), 'pve-sim-')));
  const certs = await createCertificates(certDir, options.certHosts);
  const sim = new Simulator(nodes, new ApiSchema(options.schemaPath ?? DEFAULT_SCHEMA_PATH), { ...FAST_TIMINGS, ...options.timings }, tokens, options.nodeMemoryMiB, options.clusterName);
  const { server, closeAll } = createSimServer(sim, certs, controlToken);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    node: sim.node,
    nodes,
    caPath: certs.caPath,
    caPem: certs.caPem,
    tokenId: portal.tokenId,
    tokenSecret: portal.secret,
    authorization: `PVEAPIToken=${portal.tokenId}=${portal.secret}`,
    controlToken,
    sim,
    stop: async () => {
      sim.tasks.clear();
      closeAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownCertDir) await rm(certDir, { recursive: true, force: true });
    },
  };
}
