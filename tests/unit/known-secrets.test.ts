import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { knownSecrets } from '../support/secrets.ts';

// The secrets scan (tests/api/secrets-scan.test.ts) looks only for the secrets it knows: a token
// secret an API test file sends to the site but does not list in tests/support/secrets.ts would
// never be looked for. Secret literals there are spelled `…-secret-…` or `…-secret`.

const apiDir = path.resolve('tests/api');

test('every token secret literal of the API test files is in the secrets scan\'s list', () => {
  const literal = /'([a-z0-9]+(?:-[a-z0-9]+)*-secret(?:-[a-z0-9]+)*)'/g;
  const sent = fs.readdirSync(apiDir).filter((name) => name.endsWith('.ts')).flatMap((name) =>
    [...fs.readFileSync(path.join(apiDir, name), 'utf8').matchAll(literal)].map((match) => `${name}: ${match[1]}`));
  assert.ok(sent.length >= 15, `${sent.length} secret literals found`);
  assert.deepEqual(sent.filter((entry) => !knownSecrets.includes(entry.replace(/^.*?: /, ''))), []);
});
