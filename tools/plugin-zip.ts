import archiver from 'archiver';
import fs from 'node:fs';
import path from 'node:path';
import { pluginDir, pluginSlug, repoRoot } from './wp-stack/paths.ts';

/** Packs the plugin folder exactly as an admin installs it: support-provisioning-portal.zip. */
const target = path.join(repoRoot, `${pluginSlug}.zip`);
const output = fs.createWriteStream(target);
const archive = archiver('zip', { zlib: { level: 9 } });
archive.pipe(output);
archive.directory(pluginDir, pluginSlug);
await archive.finalize();
await new Promise<void>((resolve) => output.on('close', () => resolve()));
console.log(`Wrote ${path.relative(repoRoot, target)} (${(archive.pointer() / 1024).toFixed(0)} KiB)`);
