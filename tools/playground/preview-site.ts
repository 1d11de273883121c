import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pluginDir, pluginSlug, repoRoot } from '../wp-stack/paths.ts';
import { ensureWordPressBuild } from '../wp-stack/wordpress-builds.ts';
import { ensurePlaygroundCli } from './cli.ts';

/**
 * The directory's Live Preview blueprint (.wordpress-org/blueprints/blueprint.json) in WordPress
 * Playground's CLI, offline: WordPress 6.6 from @wp-playground/wordpress-builds and this clone's
 * plugin folder instead of the directory's copy, on Playground's SQLite database.
 */
export interface PreviewOptions {
  port: number;
  /** WP_DEBUG_LOG on: PHP notices and database errors go to `debugLog`. */
  debugLog?: boolean;
  /** Steps run after the blueprint's own (tests only). */
  extraSteps?: BlueprintStep[];
}

export interface BlueprintStep {
  step: string;
  [option: string]: unknown;
}

export interface PreviewSite {
  url: string;
  /** The landing page the blueprint names, as a full URL. */
  landingUrl: string;
  debugLog: string;
  /** The site's wp-content folder on this machine (Playground mounts a copy of WordPress). */
  contentDir: string;
  stop(): Promise<void>;
}

interface Blueprint {
  landingPage: string;
  steps: BlueprintStep[];
}

/** The blueprint as the directory has it, with the only difference: the plugin is this clone's folder, mounted. */
function localBlueprint(): Blueprint {
  const blueprint = JSON.parse(fs.readFileSync(path.join(repoRoot, '.wordpress-org', 'blueprints', 'blueprint.json'), 'utf8')) as Blueprint;
  const install = blueprint.steps.findIndex((step) => step.step === 'installPlugin');
  if (install < 0) throw new Error('The blueprint has no installPlugin step');
  blueprint.steps[install] = { step: 'activatePlugin', pluginPath: `${pluginSlug}/${pluginSlug}.php` };
  return blueprint;
}

/** The CLI's `server` command for a copy of WordPress in `work` (Playground writes its database and wp-config.php into it). */
export function previewCommand(work: string, options: PreviewOptions): { args: string[]; blueprint: Blueprint; wordpress: string } {
  const wordpress = path.join(work, 'wordpress');
  fs.cpSync(ensureWordPressBuild('6.6'), wordpress, { recursive: true });
  const blueprint = localBlueprint();
  blueprint.steps.push(...(options.extraSteps ?? []));
  const blueprintFile = path.join(work, 'blueprint.json');
  fs.writeFileSync(blueprintFile, JSON.stringify(blueprint, null, 2));
  const debug = options.debugLog ? ['--define-bool', 'WP_DEBUG', 'true', '--define-bool', 'WP_DEBUG_LOG', 'true', '--define-bool', 'WP_DEBUG_DISPLAY', 'false'] : [];
  const args = [
    ensurePlaygroundCli(), 'server',
    `--port=${options.port}`,
    `--blueprint=${blueprintFile}`,
    `--mount-before-install=${wordpress}:/wordpress`,
    `--mount-before-install=${pluginDir}:/wordpress/wp-content/plugins/${pluginSlug}`,
    '--wordpress-install-mode=install-from-existing-files',
    '--php=8.1',
    ...debug,
  ];
  return { args, blueprint, wordpress };
}

/** Starts the preview and resolves once Playground says it is ready (it installs WordPress and runs the blueprint first). */
export async function startPreviewSite(options: PreviewOptions): Promise<PreviewSite> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-playground-'));
  const { args, blueprint, wordpress } = previewCommand(work, options);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    fs.rmSync(work, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const ready = /Ready! WordPress is running on (\S+)/.exec(output);
        if (ready?.[1]) resolve(ready[1]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => reject(new Error(`Playground's CLI ended before the site was ready:\n${output}`)));
    });
    return { url, landingUrl: `${url}${blueprint.landingPage}`, debugLog: path.join(wordpress, 'wp-content', 'debug.log'), contentDir: path.join(wordpress, 'wp-content'), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
