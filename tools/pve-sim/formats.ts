/**
 * Value checks of PVE::JSONSchema: types, ranges, enums, patterns, named formats and
 * property strings (`virtio=BC:24:11:00:00:01,bridge=vmbr0`). Each returns an error message or undefined.
 */

export interface PropertySchema {
  type?: string;
  format?: string | Record<string, PropertySchema>;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  optional?: number;
  default_key?: number;
  alias?: string;
  keyAlias?: string;
}

const CONFIG_ID = /^[a-z][a-z0-9_]+$/i;
const TAG = /^[a-z0-9_][a-z0-9_\-+.]*$/i;
const DNS_LABEL = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)$/;

/** Named string formats we check; others (ipconfig, volume ids, …) are accepted as given. */
const NAMED_FORMATS: Record<string, (value: string) => string | undefined> = {
  'pve-vmid': (v) => (/^[1-9][0-9]{2,8}$/.test(v) ? undefined : 'value does not look like a valid VM ID'),
  'pve-node': (v) => (/^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/.test(v) ? undefined : 'value does not look like a valid node name'),
  'dns-name': (v) => (v.split('.').every((l) => DNS_LABEL.test(l)) ? undefined : 'value does not look like a valid DNS name'),
  'pve-configid': (v) => (CONFIG_ID.test(v) ? undefined : `invalid configuration ID '${v}'`),
  'pve-configid-list': (v) => v.split(/[,;\s]+/).filter(Boolean).map((id) => NAMED_FORMATS['pve-configid']?.(id)).find(Boolean),
  'pve-storage-id': (v) => (/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(v) ? undefined : `storage ID '${v}' contains illegal characters`),
  'pve-poolid': (v) => (/^[A-Za-z0-9_\-/]+$/.test(v) ? undefined : `pool name '${v}' contains illegal characters`),
  'pve-tag-list': (v) => (v.split(/[;, ]/).filter(Boolean).every((t) => TAG.test(t)) ? undefined : `invalid tag list '${v}'`),
  urlencoded: (v) => (/^[%a-zA-Z0-9\-_.!~*'()]*$/.test(v) ? undefined : `invalid urlencoded string: ${v}`),
  'mac-addr': (v) => (/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(v) ? undefined : `value does not look like a valid MAC address`),
};

const PROPERTY_STRING_BOOLEANS = /^(?:1|0|yes|no|on|off|true|false)$/i;

function checkType(schema: PropertySchema, value: string, inPropertyString: boolean): string | undefined {
  switch (schema.type) {
    case 'integer':
      if (!/^-?\d+$/.test(value)) return `type check ('integer') failed - got '${value}'`;
      return checkRange(schema, Number(value));
    case 'number':
      if (!/^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(value)) return `type check ('number') failed - got '${value}'`;
      return checkRange(schema, Number(value));
    case 'boolean':
      // The API takes only 0 and 1; property strings go through parse_boolean.
      if (value === '0' || value === '1' || (inPropertyString && PROPERTY_STRING_BOOLEANS.test(value))) return undefined;
      return `type check ('boolean') failed - got '${value}'`;
    default:
      return undefined;
  }
}

function checkRange(schema: PropertySchema, n: number): string | undefined {
  if (schema.minimum !== undefined && n < schema.minimum) return `value must have a minimum value of ${schema.minimum}`;
  if (schema.maximum !== undefined && n > schema.maximum) return `value must have a maximum value of ${schema.maximum}`;
  return undefined;
}

/** A schema pattern as a JS RegExp: Perl's `(?^:…)` (default-flags group) becomes `(?:…)`. */
function patternRegExp(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern.replaceAll('(?^:', '(?:')})$`);
}

/** Checks one parameter value (as received, a string) against its schema. */
export function checkValue(schema: PropertySchema, value: string, inPropertyString = false): string | undefined {
  const typeError = checkType(schema, value, inPropertyString);
  if (typeError) return typeError;
  if (schema.type !== 'string' && schema.type !== undefined) return undefined;
  if (schema.enum && !schema.enum.includes(value)) {
    return `value '${value}' does not have a value in the enumeration '${schema.enum.join(', ')}'`;
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    return `value may only be ${schema.maxLength} characters long`;
  }
  if (schema.pattern !== undefined && !patternRegExp(schema.pattern).test(value)) {
    return 'value does not match the regex pattern';
  }
  if (typeof schema.format === 'object') return checkPropertyString(schema.format, value);
  if (typeof schema.format === 'string') return NAMED_FORMATS[schema.format]?.(value);
  return undefined;
}

/** Splits `key=value,key2=value2` (a bare value belongs to the format's default key). */
export function parsePropertyString(format: Record<string, PropertySchema>, text: string): Map<string, string> {
  const defaultKey = Object.entries(format).find(([, s]) => s.default_key)?.[0];
  const result = new Map<string, string>();
  for (const part of text.split(',').filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    let key = eq >= 0 ? part.slice(0, eq) : defaultKey;
    const value = eq >= 0 ? part.slice(eq + 1) : part;
    if (key === undefined) throw new Error('value without key, but schema does not define a default key');
    const keySchema = format[key];
    if (!keySchema) throw new Error(`invalid key in comma-separated list property: ${key}`);
    if (keySchema.keyAlias) result.set(keySchema.keyAlias, key);
    if (keySchema.alias) key = keySchema.alias;
    if (result.has(key)) throw new Error(`duplicate key in comma-separated list property: ${key}`);
    result.set(key, value);
  }
  return result;
}

function checkPropertyString(format: Record<string, PropertySchema>, text: string): string | undefined {
  try {
    const parsed = parsePropertyString(format, text);
    for (const [key, value] of parsed) {
      const error = format[key] && checkValue(format[key], value, true);
      if (error) return `invalid format - ${key}: ${error}`;
    }
    const missing = Object.entries(format).find(([k, s]) => !s.optional && !s.alias && !s.keyAlias && !parsed.has(k) && s.type !== undefined && !('default' in s));
    return missing ? `invalid format - ${missing[0]}: property is missing and it is not optional` : undefined;
  } catch (err) {
    return `invalid format - ${(err as Error).message}`;
  }
}
