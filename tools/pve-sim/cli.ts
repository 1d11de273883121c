import { parseArgs } from 'node:util';
import { REALISTIC_TIMINGS, startPveSim, type Timings } from './index.ts';

const HELP = `Usage: tsx tools/pve-sim/cli.ts [options]
  --port <n>            listen port (default 8006; 0 = any free port)
  --host <addr>         listen address (default 127.0.0.1)
  --nodes <a,b,...>     the cluster's nodes; the first answers the API and holds the seed
                        (default: pve-sim,pve-sim-2,pve-sim-3)
  --node <name>         the first node's name when --nodes is absent (then <name>-2, <name>-3 follow)
  --node-memory <MiB>   every node's memory (default 131072: 128 GiB)
  --cluster-name <s>    the cluster's corosync name (default pve-sim-cluster)
  --token-secret <s>    secret of portal@pve!support-portal (default: random)
  --control-token <s>   bearer token for /_sim (default: random)
  --cert-dir <dir>      where to write the CA and server certificate (default: temp dir)
  --cert-host <name>    extra DNS name / IP for the certificate (repeatable)
  --schema <file>       Proxmox API schema JSON
  --fast                test timings (tasks take milliseconds) instead of realistic ones
  --auth-delay-ms <n>   delay before 401 answers (default 3000, or 10 with --fast)
  --json                print one JSON line {url, node, nodes, caPath, tokenId, tokenSecret, controlToken}
                        instead of the human-readable banner (for tests that spawn the CLI)`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8006' },
    host: { type: 'string', default: '127.0.0.1' },
    node: { type: 'string' },
    nodes: { type: 'string' },
    'node-memory': { type: 'string' },
    'cluster-name': { type: 'string' },
    'token-secret': { type: 'string' },
    'control-token': { type: 'string' },
    'cert-dir': { type: 'string' },
    'cert-host': { type: 'string', multiple: true },
    schema: { type: 'string' },
    fast: { type: 'boolean', default: false },
    'auth-delay-ms': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const timings: Partial<Timings> = values.fast ? {} : { ...REALISTIC_TIMINGS };
if (values['auth-delay-ms'] !== undefined) timings.authFailureDelayMs = Number(values['auth-delay-ms']);

const sim = await startPveSim({
  port: Number(values.port),
  host: values.host,
  timings,
  ...(values.node !== undefined ? { node: values.node } : {}),
  ...(values.nodes !== undefined ? { nodes: values.nodes.split(',').map((n) => n.trim()).filter(Boolean) } : {}),
  ...(values['node-memory'] !== undefined ? { nodeMemoryMiB: Number(values['node-memory']) } : {}),
  ...(values['cluster-name'] !== undefined ? { clusterName: values['cluster-name'] } : {}),
  ...(values['token-secret'] !== undefined ? { tokenSecret: values['token-secret'] } : {}),
  ...(values['control-token'] !== undefined ? { controlToken: values['control-token'] } : {}),
  ...(values['cert-dir'] !== undefined ? { certDir: values['cert-dir'] } : {}),
  ...(values['cert-host'] !== undefined ? { certHosts: values['cert-host'] } : {}),
  ...(values.schema !== undefined ? { schemaPath: values.schema } : {}),
});

if (values.json) {
  const { url, node, nodes, caPath, tokenId, tokenSecret, controlToken } = sim;
  console.log(JSON.stringify({ url, node, nodes, caPath, tokenId, tokenSecret, controlToken }));
} else {
  console.log(`Proxmox VE simulator listening on ${sim.url}
  API base:      ${sim.url}/api2/json
  node:          ${sim.node}  (answers the API; cluster nodes: ${sim.nodes.join(', ')})
  token id:      ${sim.tokenId}
  token secret:  ${sim.tokenSecret}
  CA file:       ${sim.caPath}
  control token: ${sim.controlToken}  (Authorization: Bearer <token> on ${sim.url}/_sim/...)
Press Ctrl+C to stop.`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.stop().then(() => process.exit(0));
  });
}
