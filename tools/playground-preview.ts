import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { previewCommand } from './playground/preview-site.ts';

/**
 * `npm run playground-preview`: the directory's Live Preview blueprint in WordPress Playground's
 * CLI, offline (tools/playground/preview-site.ts). Open the printed URL to land on the portal as
 * the demo engineer; Ctrl-C ends it.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-playground-'));
try {
  const { args } = previewCommand(work, { port: Number(process.env.PORT ?? '9400') });
  spawnSync(process.execPath, args, { stdio: 'inherit' });
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
