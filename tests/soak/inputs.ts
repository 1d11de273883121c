import fc from 'fast-check';
import type { ArgSchema } from './routes.ts';

/** Strings that attack SQL, HTML, paths, templates and encodings. */
export const payloads = [
  "' OR '1'='1", "1; DROP TABLE wp_users; --", "\" OR 1=1 -- ", "1' UNION SELECT user_pass FROM wp_users -- ",
  "%' AND SLEEP(5) AND '%'='", '\\', "\\'", '%', '_', '%%', '%s %d %1$s', "' AND 1=CAST((SELECT user_login FROM wp_users LIMIT 1) AS INT)--",
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "javascript:alert('x')",
  '{{7*7}}', '${7*7}', '../../../../etc/passwd', '..%2f..%2fwp-config.php', 'file:///etc/passwd', 'php://filter/resource=index.php',
  '\u0000', 'a\u0000b', '\r\nX-Injected: 1', '\u202Egnp.exe', '\uFEFF', 'Zalgo Z̷̡̢̛a̵l̶g̸o̴', '𝕦𝕟𝕚𝕔𝕠𝕕𝕖 😀👍🏽', 'İıẞß', '١٢٣',
  '\uD800', 'x\uDFFFy', 'NaN', 'Infinity', '-0', '0x1F', '1e3', ' 7 ', '+7', '07', '1.0', 'true', 'null', '[]', '{}', '',
];

/**
 * Whole numbers that JSON schema's "integer" accepts but that overflow PHP's int or the database's
 * columns: 1e19 once became a negative RAM limit, a page of 2 ** 62 a negative SQL OFFSET.
 */
export const overflowingIntegers = [
  2 ** 31, 2 ** 32, 2 ** 53, 2 ** 62, 2 ** 63, -(2 ** 63), 2 ** 64, 1e19, -1e19, 1e21, 1e308, Number.MAX_SAFE_INTEGER,
];

const numbers = [0, -0, -1, 1.5, -1.5, 0.1, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53 + 2, -1e308, 5e-324, ...overflowingIntegers];

const hugeString = fc.constantFrom(
  'A'.repeat(70_000), '€'.repeat(40_000), '😀'.repeat(20_000), '<b>'.repeat(30_000), "'".repeat(100_000), ' '.repeat(5_000),
);

const scalar = fc.oneof(
  fc.constantFrom(...payloads),
  fc.constantFrom(...numbers),
  fc.constantFrom(null, true, false),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** Any JSON value a hostile client might send. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', '0', 'id', '__proto__', 'rights', ''), scalar, { maxKeys: 3 }) },
);

const withinLength = (text: string, schema: ArgSchema): string => text.slice(0, schema.maxLength ?? text.length);

/**
 * Values that pass (or nearly pass) the argument's schema, so requests reach the handlers.
 * `overrides` replace the generated valid values for arguments whose valid values are unsafe to
 * send at random (they would leave the site changed or reach out to the network).
 */
export function plausible(schema: ArgSchema): fc.Arbitrary<unknown> {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'string'];
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options: fc.Arbitrary<unknown>[] = [];
  for (const type of types) {
    if (type === 'integer') {
      const min = schema.minimum ?? -(2 ** 31);
      const max = schema.maximum ?? 2 ** 31;
      options.push(fc.integer({ min, max }), fc.constantFrom(min, max, max + 1, min - 1), fc.integer({ min, max }).map(String));
    } else if (type === 'boolean') {
      options.push(fc.boolean(), fc.constantFrom('true', 'false', '1', '0', 'yes', ''));
    } else if (type === 'null') {
      options.push(fc.constant(null));
    } else if (type === 'array') {
      options.push(fc.array(schema.items ? plausible(schema.items) : scalar, { maxLength: 6 }));
    } else if (schema.format === 'date-time') {
      options.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('2026-02-30T00:00:00Z', '9999-12-31T23:59:59Z', '0000-00-00T00:00:00Z'));
    } else {
      options.push(
        fc.string({ unit: 'grapheme', minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 60, 60) }),
        fc.constantFrom(...payloads).map((text) => withinLength(text, schema)),
        fc.constant('x'.repeat((schema.maxLength ?? 100) + 1)),
      );
    }
  }
  return fc.oneof(...options);
}
