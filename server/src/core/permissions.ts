import { AppError, forbidden } from './errors.ts';
import type { OrgTree } from './org-tree.ts';

/** One entry of the permission registry: "<module>.<resource>.<action>" with labels for the role editor. */
export interface PermissionDef {
  key: string;
  zh: string;
  en: string;
  /** Built-in roles that get this permission on a new install (admins may change it later). */
  roles: readonly string[];
}

const registry = new Map<string, PermissionDef>();

export function definePermissions<const T extends readonly PermissionDef[]>(defs: T): { [K in T[number]['key']]: K } {
  const out: Record<string, string> = {};
  for (const d of defs) {
    if (!/^[a-z]+(\.[a-z_]+){2}$/.test(d.key)) throw new Error(`bad permission key ${d.key}`);
    registry.set(d.key, d);
    out[d.key] = d.key;
  }
  return out as { [K in T[number]['key']]: K };
}

export function allPermissions(): PermissionDef[] {
  return [...registry.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function isPermission(key: string): boolean {
  return registry.has(key);
}

export interface Assignment {
  orgId: number;
  roleKey: string;
}

/**
 * What one user may do where. A role held at an organisation grants its permissions on that
 * organisation's whole subtree; shared reference data owned higher up is readable below.
 */
export class Access {
  constructor(
    private readonly tree: OrgTree,
    readonly assignments: Assignment[],
    private readonly grants: Map<string, Set<string>>,
  ) {}

  private rootsFor(permission: string): number[] {
    return this.assignments.filter((a) => this.grants.get(a.roleKey)?.has(permission)).map((a) => a.orgId);
  }

  has(permission: string): boolean {
    return this.rootsFor(permission).length > 0;
  }

  /** May the user do `permission` on data owned by `orgId`? */
  can(permission: string, orgId: number): boolean {
    return this.rootsFor(permission).some((root) => this.tree.isWithin(orgId, root));
  }

  require(permission: string, orgId?: number): void {
    if (orgId === undefined ? !this.has(permission) : !this.can(permission, orgId)) throw forbidden();
  }

  /** Organisations whose data the user may touch with `permission`. */
  scope(permission: string): number[] {
    const ids = new Set<number>();
    for (const root of this.rootsFor(permission)) for (const id of this.tree.subtree(root)) ids.add(id);
    return [...ids];
  }

  /** The scope plus the organisations above it: shared libraries (ingredients, dishes) live there. */
  readScope(permission: string): number[] {
    const ids = new Set<number>();
    for (const root of this.rootsFor(permission)) {
      for (const id of this.tree.subtree(root)) ids.add(id);
      for (const id of this.tree.ancestry(root)) ids.add(id);
    }
    return [...ids];
  }

  /** Canteens the user may act on with `permission`. */
  canteens(permission: string): number[] {
    const scope = new Set(this.scope(permission));
    return this.tree.canteens().filter((c) => scope.has(c.id)).map((c) => c.id);
  }

  /** A canteen the caller names must exist and be in scope; otherwise 404 (never reveal others' ids). */
  requireCanteen(permission: string, canteenId: number): void {
    const node = this.tree.get(canteenId);
    if (!node || node.kind !== 'canteen') {
      throw new AppError(404, 'canteen_not_found', '食堂不存在', 'Canteen not found');
    }
    if (!this.can(permission, canteenId)) throw forbidden();
  }
}
