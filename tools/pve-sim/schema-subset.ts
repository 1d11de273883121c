import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SUBSET_SCHEMA_PATH } from './options.ts';
import { ROUTES } from './routes.ts';
import type { SchemaNode } from './schema.ts';

const HELP = `Usage: npm run pve-sim:schema -- <full-schema.json> [--also 'METHOD /path' …] [--out <file>]
Keeps from Proxmox VE's API schema (the API viewer's data as JSON) only the methods the simulator
serves (tools/pve-sim/routes.ts), plus any --also entries for routes about to be added, in the
same tree shape. Writes ${path.relative(process.cwd(), SUBSET_SCHEMA_PATH)} unless --out is given.`;

/** The schema tree pruned to `wanted` (`METHOD /path` keys); the rest of each node is kept as is. */
export function schemaSubset(tree: readonly SchemaNode[], wanted: ReadonlySet<string>): SchemaNode[] {
  const found = new Set<string>();
  const prune = (nodes: readonly SchemaNode[]): SchemaNode[] =>
    nodes.flatMap((node) => {
      const info = Object.fromEntries(Object.entries(node.info ?? {}).filter(([method]) => wanted.has(`${method} ${node.path}`)));
      Object.keys(info).forEach((method) => found.add(`${method} ${node.path}`));
      const children = prune(node.children ?? []);
      if (Object.keys(info).length === 0 && children.length === 0) return [];
      return [{ ...node, info, ...(node.children ? { children } : {}) }];
    });
  const subset = prune(tree);
  const missing = [...wanted].filter((key) => !found.has(key));
  if (missing.length > 0) throw new Error(`Not in the schema: ${missing.join(', ')}`);
  return subset;
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { also: { type: 'string', multiple: true, default: [] }, out: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [source] = positionals;
  if (values.help || source === undefined || positionals.length > 1) {
    console.log(HELP);
    process.exit(values.help ? 0 : 2);
  }
  const tree = JSON.parse(readFileSync(source, 'utf8')) as SchemaNode[];
  const wanted = new Set([...ROUTES.map((route) => `${route.method} ${route.path}`), ...values.also]);
  const out = values.out ?? SUBSET_SCHEMA_PATH;
  writeFileSync(out, `${JSON.stringify(schemaSubset(tree, wanted), null, 1)}\n`);
  console.log(`Wrote ${wanted.size} methods to ${out}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
