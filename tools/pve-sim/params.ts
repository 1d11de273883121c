import { propertySchema, type MethodSchema, type ParamValue } from './schema.ts';

/**
 * The validated parameters of one call. Handlers may only read names the official schema
 * defines for the route: reading anything else is a simulator bug and throws.
 */
export class Params {
  constructor(
    private readonly info: MethodSchema,
    private readonly route: string,
    private readonly values: Readonly<Record<string, ParamValue>>,
  ) {}

  private read(name: string): ParamValue | undefined {
    if (!propertySchema(this.info, name)) throw new Error(`simulator bug: ${this.route} reads '${name}', which its schema does not define`);
    return this.values[name];
  }

  str(name: string): string | undefined {
    const value = this.read(name);
    return value === undefined ? undefined : String(value);
  }

  int(name: string): number | undefined {
    const value = this.read(name);
    return value === undefined ? undefined : Number(value);
  }

  /** A boolean parameter: undefined when absent, so callers can apply Proxmox's default. */
  bool(name: string): boolean | undefined {
    const value = this.read(name);
    return value === undefined ? undefined : Number(value) === 1;
  }

  /** Path parameters every VM route has. */
  get node(): string {
    return this.str('node') ?? '';
  }

  get vmid(): number {
    return this.int('vmid') ?? 0;
  }

  /** All given parameters except the listed ones (for config updates). */
  entriesExcept(names: readonly string[]): [string, ParamValue][] {
    return Object.entries(this.values).filter(([k]) => !names.includes(k));
  }
}
