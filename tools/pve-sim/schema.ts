import { existsSync, readFileSync } from 'node:fs';
import { paramError } from './errors.ts';
import { checkValue, type PropertySchema } from './formats.ts';

/** One method of one path in the API viewer's tree. */
export interface MethodSchema {
  parameters?: { properties?: Record<string, PropertySchema>; additionalProperties?: number };
  permissions?: unknown;
  returns?: unknown;
}

/** One node of the API viewer's tree (the schema file is an array of them). */
export interface SchemaNode {
  path: string;
  info?: Record<string, MethodSchema>;
  children?: SchemaNode[];
}

/** Typed parameter values after validation: integers and booleans (0/1) as numbers. */
export type ParamValue = string | number;

/** The official API schema, indexed by `METHOD path`. */
export class ApiSchema {
  private readonly methods = new Map<string, MethodSchema>();

  constructor(schemaPath: string) {
    if (!existsSync(schemaPath)) {
      throw new Error(`Proxmox API schema not found at ${schemaPath}: the simulator validates every call against it. The repository carries tools/pve-sim/pve-api-schema-subset.json; PVE_API_SCHEMA or --schema name another file.`);
    }
    const tree = JSON.parse(readFileSync(schemaPath, 'utf8')) as SchemaNode[];
    const walk = (nodes: SchemaNode[]): void => {
      for (const node of nodes) {
        for (const [method, info] of Object.entries(node.info ?? {})) this.methods.set(`${method} ${node.path}`, info);
        walk(node.children ?? []);
      }
    };
    walk(tree);
  }

  method(method: string, path: string): MethodSchema | undefined {
    return this.methods.get(`${method} ${path}`);
  }

  /** Like method(), for routes the simulator is built around: a missing entry is a simulator bug. */
  require(method: string, path: string): MethodSchema {
    const found = this.method(method, path);
    if (!found) throw new Error(`${method} ${path} is not in the Proxmox API schema`);
    return found;
  }
}

/** Finds a parameter's schema, expanding `net[n]`-style entries to `net0`, `net1`, … */
export function propertySchema(info: MethodSchema, name: string): PropertySchema | undefined {
  const props = info.parameters?.properties ?? {};
  const direct = props[name];
  if (direct) return direct;
  const indexed = /^([a-z_-]+?)(\d+)$/i.exec(name);
  return indexed ? props[`${indexed[1]}[n]`] : undefined;
}

/**
 * `PVE::JSONSchema::validate` for an API call: unknown parameters, missing required ones and
 * bad values all go into one 400 `Parameter verification failed.`.
 */
export function validateParams(info: MethodSchema, raw: Record<string, string>): Record<string, ParamValue> {
  const errors: Record<string, string> = {};
  const values: Record<string, ParamValue> = {};
  for (const [name, value] of Object.entries(raw)) {
    const schema = propertySchema(info, name);
    if (!schema) {
      errors[name] = 'property is not defined in schema and the schema does not allow additional properties';
      continue;
    }
    const error = checkValue(schema, value);
    if (error) errors[name] = error;
    else values[name] = schema.type === 'integer' || schema.type === 'boolean' || schema.type === 'number' ? Number(value) : value;
  }
  for (const [name, schema] of Object.entries(info.parameters?.properties ?? {})) {
    if (!schema.optional && !name.endsWith('[n]') && raw[name] === undefined && errors[name] === undefined) {
      errors[name] = 'property is missing and it is not optional';
    }
  }
  if (Object.keys(errors).length > 0) throw paramError(errors);
  return values;
}
