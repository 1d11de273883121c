import archiver from 'archiver';
import fs from 'node:fs';
import path from 'node:path';
import { pluginDir, pluginSlug, repoRoot } from './wp-stack/paths.ts';

/** Packs the plugin folder as an admin installs it, plus the UI's source: support-provisioning-portal.zip. */
const target = path.join(repoRoot, `${pluginSlug}.zip`);
const output = fs.createWriteStream(target);
const archive = archiver('zip', { zlib: { level: 9 } });
archive.pipe(output);
archive.directory(pluginDir, pluginSlug);
// The readable source of build/'s minified scripts, as the plugin directory asks, with what builds
// them: `cd source && npm ci && npm run build` (readme.txt, "Source code").
for (const entry of ['ui', 'package.json', 'package-lock.json', 'webpack.config.cjs', 'tsconfig.json']) {
  const from = path.join(repoRoot, entry);
  const name = `${pluginSlug}/source/${entry}`;
  if (fs.statSync(from).isDirectory()) archive.directory(from, name);
  else archive.file(from, { name });
}
await archive.finalize();
await new Promise<void>((resolve) => output.on('close', () => resolve()));
console.log(`Wrote ${path.relative(repoRoot, target)} (${(archive.pointer() / 1024).toFixed(0)} KiB)`);
