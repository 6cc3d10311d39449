import type { z } from 'zod';

type Data = Record<string, unknown>;

/** One version of one integration event: its schema, and how to lift it to the next version. */
export interface ContractVersion {
  readonly type: string;
  readonly version: number;
  readonly schema: z.ZodType<Data>;
  /** Turns valid data of this version into data of `version + 1`. Absent on the newest version. */
  readonly upcast?: (data: Data) => Data;
}

export class ContractViolation extends Error {
  readonly code = 'CONTRACT_VIOLATION';
  constructor(
    readonly type: string,
    readonly version: number,
    /** Paths of the invalid fields, e.g. `needs.0`; never their values (they may be personal). */
    readonly fields: readonly string[],
    reason: string,
  ) {
    super(`${type} v${version} breaks its contract: ${reason}`);
    this.name = 'ContractViolation';
  }
}

/**
 * Every integration event's schemas, by type and version. Publishers validate before a message leaves,
 * consumers validate and upcast to the newest version when it arrives.
 */
export class ContractRegistry {
  private readonly versions = new Map<string, Map<number, ContractVersion>>();

  constructor(contracts: readonly ContractVersion[]) {
    for (const contract of contracts) {
      const byVersion = this.versions.get(contract.type) ?? new Map<number, ContractVersion>();
      if (byVersion.has(contract.version))
        throw new Error(`${contract.type} v${contract.version} is defined twice`);
      byVersion.set(contract.version, contract);
      this.versions.set(contract.type, byVersion);
    }
    for (const [type, byVersion] of this.versions) {
      const newest = Math.max(...byVersion.keys());
      for (let version = 1; version < newest; version++) {
        if (!byVersion.get(version)?.upcast)
          throw new Error(`${type} v${version} has no upcaster to v${version + 1}`);
      }
    }
  }

  knows(type: string): boolean {
    return this.versions.has(type);
  }

  newestVersion(type: string): number {
    const byVersion = this.versions.get(type);
    if (!byVersion) throw new ContractViolation(type, 0, [], 'no contract is registered for this type');
    return Math.max(...byVersion.keys());
  }

  /** Validates data as the version it claims to be; throws a {@link ContractViolation} naming the fields. */
  validate(type: string, version: number, data: unknown): Data {
    const contract = this.versions.get(type)?.get(version);
    if (!contract)
      throw new ContractViolation(type, version, [], 'no contract is registered for this version');
    const result = contract.schema.safeParse(data);
    if (!result.success) {
      const fields = result.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)');
      throw new ContractViolation(type, version, fields, `invalid ${fields.join(', ')}`);
    }
    return result.data;
  }

  /** Validates, then lifts the data version by version to the newest, validating each step. */
  toNewest(type: string, version: number, data: unknown): { version: number; data: Data } {
    let current = this.validate(type, version, data);
    let at = version;
    const newest = this.newestVersion(type);
    while (at < newest) {
      const upcast = this.versions.get(type)?.get(at)?.upcast;
      if (!upcast) throw new ContractViolation(type, at, [], 'no upcaster to the next version');
      at += 1;
      current = this.validate(type, at, upcast(current));
    }
    return { version: at, data: current };
  }
}
