import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Catalog } from '../../tools/i18n/catalog.ts';
import { extractPhp } from '../../tools/i18n/extract-php.ts';
import { extractTs } from '../../tools/i18n/extract-ts.ts';

// What the extractors accept and what they refuse, so a string no standard tool can extract or
// translate well fails `npm run i18n` instead of silently missing from the template.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-extract-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function extract(name: string, code: string): Catalog {
  const file = path.join(dir, name);
  fs.writeFileSync(file, code);
  const catalog = new Catalog();
  (name.endsWith('.php') ? extractPhp : extractTs)([file], dir, catalog);
  return catalog;
}

test('TypeScript: every call is kept with its line, plural and translator comment, also inside JSX and on repeats', () => {
  const catalog = extract('a.tsx', [
    "const a = __('Save', 'support-provisioning-portal');",
    "const b = <p>{sprintf(/* translators: %d: items */ _n('%d item', '%d items', n, 'support-provisioning-portal'), n)}</p>;",
    'const c = sprintf(',
    '  /* translators: %s: name */',
    "  __('Hello %s', 'support-provisioning-portal'),",
    ');',
    "const d = _x('Save', 'button', 'support-provisioning-portal') + __('Save', 'support-provisioning-portal');",
  ].join('\n'));
  assert.deepEqual(catalog.problems, []);
  assert.deepEqual(catalog.list(), [
    { context: '', id: 'Save', plural: null, references: ['a.tsx:1', 'a.tsx:7'], comments: [] },
    { context: '', id: '%d item', plural: '%d items', references: ['a.tsx:2'], comments: ['%d: items'] },
    { context: '', id: 'Hello %s', plural: null, references: ['a.tsx:5'], comments: ['%s: name'] },
    { context: 'button', id: 'Save', plural: null, references: ['a.tsx:7'], comments: [] },
  ]);
});

test('TypeScript: a text domain in a variable, a built-up text and placeholders without a translator comment are refused', () => {
  const catalog = extract('b.ts', [
    "const domain = 'support-provisioning-portal';",
    "__('Save', domain);",
    "__('Save ' + what, 'support-provisioning-portal');",
    "__('Hello %s', 'support-provisioning-portal');",
    "__('Save', 'another-plugin');",
  ].join('\n'));
  assert.deepEqual(catalog.problems, [
    "b.ts:2: the text domain must be one string literal (no variables, no concatenation)",
    'b.ts:3: the text must be one string literal (no variables, no concatenation)',
    'b.ts:4: "Hello %s" has placeholders but no /* translators: */ comment before it',
    "b.ts:5: the text domain must be the literal 'support-provisioning-portal'",
  ]);
});

test('PHP: calls in match arms are found, with the translator comment from the line before and none from after the call', () => {
  const catalog = extract('a.php', [
    '<?php',
    '$m = match (true) {',
    '    /* translators: %s: host */',
    "    $a => __('Down at %s.', 'support-provisioning-portal'),",
    "    default => esc_html__('Up.', 'support-provisioning-portal'),",
    '};',
    "$n = _n('%d VM', '%d VMs', $c, 'support-provisioning-portal'); // translators: %d: VMs, too late",
  ].join('\n'));
  assert.deepEqual(catalog.list().slice(0, 2), [
    { context: '', id: 'Down at %s.', plural: null, references: ['a.php:4'], comments: ['%s: host'] },
    { context: '', id: 'Up.', plural: null, references: ['a.php:5'], comments: [] },
  ]);
  assert.deepEqual(catalog.problems, ['a.php:7: "%d VM" has placeholders but no /* translators: */ comment on the line before']);
});

test('PHP: concatenated text and a text domain in a constant are refused', () => {
  const catalog = extract('b.php', [
    '<?php',
    "__('Not ' . 'one', 'support-provisioning-portal');",
    "__('Save', self::TEXT_DOMAIN);",
  ].join('\n'));
  assert.deepEqual(catalog.problems, [
    'b.php:2: the text must be one string literal (no variables, no concatenation)',
    'b.php:3: the text domain must be one string literal (no variables, no concatenation)',
  ]);
});
