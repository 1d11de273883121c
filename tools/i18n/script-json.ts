import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { GetTextTranslation, GetTextTranslations } from 'gettext-parser';
import { messageKey, textDomain } from './catalog.ts';

/**
 * The file WordPress looks for in wp_set_script_translations()'s folder: load_script_textdomain()
 * takes the script's path relative to its plugin folder (build/admin.js) and names the file
 * {domain}-{locale}-{md5 of that path}.json.
 */
export function scriptJsonName(locale: string, scriptPath: string): string {
  return `${textDomain}-${locale}-${createHash('md5').update(scriptPath).digest('hex')}.json`;
}

/** The entry file and every file of ours it imports, directly or not: what the script is built from. */
export function moduleFiles(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [path.resolve(entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { fileName } of ts.preProcessFile(fs.readFileSync(file, 'utf8')).importedFiles) {
      if (!fileName.startsWith('.') || fileName.endsWith('.css')) continue;
      if (!/\.tsx?$/.test(fileName)) throw new Error(`${file}: import "${fileName}" with its .ts or .tsx extension`);
      pending.push(path.resolve(path.dirname(file), fileName));
    }
  }
  return seen;
}

function referencedFiles(entry: GetTextTranslation, root: string): string[] {
  return (entry.comments?.reference ?? '').split('\n').map((reference) => path.resolve(root, reference.replace(/:\d+$/, '')));
}

/**
 * The Jed 1.x locale data @wordpress/i18n reads, as `wp i18n make-json` writes it: only the
 * translated strings the script uses, keyed by context EOT msgid.
 */
export function scriptJson(
  table: GetTextTranslations,
  translated: GetTextTranslation[],
  scriptPath: string,
  files: Set<string>,
  root: string,
): string {
  const messages: Record<string, unknown> = {
    '': { domain: 'messages', lang: table.headers['Language'] ?? '', 'plural-forms': table.headers['Plural-Forms'] ?? '' },
  };
  for (const entry of translated) {
    if (referencedFiles(entry, root).some((file) => files.has(file))) {
      messages[messageKey(entry.msgctxt ?? '', entry.msgid)] = entry.msgstr;
    }
  }
  return JSON.stringify({
    'translation-revision-date': table.headers['PO-Revision-Date'] ?? '',
    generator: 'npm run i18n (tools/i18n)',
    source: scriptPath,
    domain: 'messages',
    locale_data: { messages },
  });
}
