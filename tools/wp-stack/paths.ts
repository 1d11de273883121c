import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const pluginDir = path.join(repoRoot, 'support-provisioning-portal');
export const stackDir = path.join(repoRoot, '.wp-stack');
export const phpScriptsDir = path.join(repoRoot, 'tools', 'wp-stack', 'php');
export const pluginSlug = 'support-provisioning-portal';
