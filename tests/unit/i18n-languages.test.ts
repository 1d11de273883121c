import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { po, type GetTextTranslation } from 'gettext-parser';
import { buildLanguages } from '../../tools/i18n/build.ts';
import { placeholders } from '../../tools/i18n/catalog.ts';
import { phpGettextFunctions } from '../../tools/i18n/extract-php.ts';
import { tsGettextFunctions } from '../../tools/i18n/extract-ts.ts';
import { entries } from '../../tools/i18n/po.ts';
import { languagesDir, phpSources, tsSources } from '../../tools/i18n/sources.ts';

// The committed files in support-provisioning-portal/languages/ are what a plain clone ships:
// they must be what `npm run i18n` makes from today's sources.

function messages(file: string): GetTextTranslation[] {
  return entries(po.parse(fs.readFileSync(path.join(languagesDir, file))));
}

/** Calls of the gettext functions, counted by a plain text search rather than a parser. */
function countCalls(files: string[], names: string[], notAfter: string): number {
  const pattern = new RegExp(`(?<![\\w$${notAfter}])(?:${names.join('|')})\\s*\\(`, 'g');
  return files.reduce((sum, file) => sum + (fs.readFileSync(file, 'utf8').match(pattern)?.length ?? 0), 0);
}

/**
 * A generated file as compared: byte for byte, except that the line numbers of `#:` references
 * do not count. Code moving within a file changes no string, and would otherwise make every
 * edit near a translated string a conflict in the template and each .po.
 */
function comparable(file: string): Buffer | string {
  const content = fs.readFileSync(file);
  return /\.pot?$/.test(file) ? content.toString('utf8').replace(/^(#: .+):\d+$/gm, '$1') : content;
}

test('the committed template, translations, .mo and JSON files are what npm run i18n makes now', () => {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-i18n-'));
  try {
    const written = buildLanguages(languagesDir, fresh);
    for (const name of written) {
      assert.deepEqual(
        comparable(path.join(fresh, name)),
        comparable(path.join(languagesDir, name)),
        `languages/${name} is stale: run npm run i18n and commit the result`,
      );
    }
    assert.deepEqual(fs.readdirSync(languagesDir).sort(), [...written].sort(), 'languages/ holds exactly the generated files');
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
});

test('the template has one reference for every translation call in the PHP and TypeScript sources', () => {
  const references = messages('support-provisioning-portal.pot')
    .reduce((sum, entry) => sum + (entry.comments?.reference ?? '').split('\n').length, 0);
  const php = countCalls(phpSources(), Object.keys(phpGettextFunctions), '>:');
  const ts = countCalls(tsSources(), Object.keys(tsGettextFunctions), '.');
  assert.ok(php > 50 && ts > 300, `found ${php} PHP and ${ts} TypeScript calls`);
  assert.equal(references, php + ts);
});

test('the German translation is complete, with plurals, and keeps every placeholder', () => {
  const german = messages('support-provisioning-portal-de_DE.po');
  assert.equal(german.length, messages('support-provisioning-portal.pot').length);
  for (const entry of german) {
    const sources = entry.msgid_plural === undefined ? [entry.msgid] : [entry.msgid, entry.msgid_plural];
    assert.equal(entry.msgstr.length, sources.length, `forms of "${entry.msgid}"`);
    assert.ok(!(entry.comments?.flag ?? '').includes('fuzzy'), `"${entry.msgid}" is fuzzy`);
    entry.msgstr.forEach((text, form) => {
      assert.notEqual(text, '', `"${entry.msgid}" form ${form} is untranslated`);
      assert.deepEqual(placeholders(text).sort(), placeholders(sources[form]!).sort(), `placeholders of "${entry.msgid}" form ${form}`);
    });
  }
});
