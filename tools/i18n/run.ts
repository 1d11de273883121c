import path from 'node:path';
import { buildLanguages } from './build.ts';
import { languagesDir } from './sources.ts';

// npm run i18n: regenerates support-provisioning-portal/languages/ (template, .po, .mo, JSON).
const written = buildLanguages(languagesDir, languagesDir);
console.log(`Wrote ${written.length} files to ${path.relative(process.cwd(), languagesDir)}/:\n  ${written.join('\n  ')}`);
