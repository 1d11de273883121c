import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pluginDir, pluginSlug, repoRoot } from './wp-stack/paths.ts';
import { ensureWordPressBuild } from './wp-stack/wordpress-builds.ts';

/**
 * `npm run playground-preview`: the directory's Live Preview blueprint
 * (.wordpress-org/blueprints/blueprint.json) in WordPress Playground's CLI, offline: WordPress
 * 6.6 from @wp-playground/wordpress-builds and this clone's plugin folder instead of the
 * directory's copy. Open the printed URL to land on the portal as the demo engineer.
 */
const blueprint = JSON.parse(fs.readFileSync(path.join(repoRoot, '.wordpress-org', 'blueprints', 'blueprint.json'), 'utf8')) as {
  steps: { step: string }[];
};
const install = blueprint.steps.findIndex((step) => step.step === 'installPlugin');
if (install < 0) throw new Error('The blueprint has no installPlugin step');
// The only difference from the directory: the plugin is this clone's folder, mounted below.
blueprint.steps[install] = { step: 'activatePlugin', pluginPath: `${pluginSlug}/${pluginSlug}.php` } as { step: string };

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-playground-'));
const wordpress = path.join(work, 'wordpress');
// Playground writes its SQLite database and wp-config.php into the mounted WordPress: a copy.
fs.cpSync(ensureWordPressBuild('6.6'), wordpress, { recursive: true });
const localBlueprint = path.join(work, 'blueprint.json');
fs.writeFileSync(localBlueprint, JSON.stringify(blueprint, null, 2));
try {
  spawnSync('npx', [
    '--yes', '@wp-playground/cli@3.1.56', 'server',
    `--port=${process.env.PORT ?? '9400'}`,
    `--blueprint=${localBlueprint}`,
    `--mount-before-install=${wordpress}:/wordpress`,
    `--mount-before-install=${pluginDir}:/wordpress/wp-content/plugins/${pluginSlug}`,
    '--wordpress-install-mode=install-from-existing-files',
    '--php=8.1',
  ], { stdio: 'inherit' });
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
