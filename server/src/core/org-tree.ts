import { asc } from 'drizzle-orm';
import type { Db } from './db.ts';
import { org } from './schema.ts';

export interface OrgNode {
  id: number;
  parentId: number | null;
  kind: 'bureau' | 'centre' | 'canteen' | 'unit';
  name: string;
  code: string;
  path: string;
}

/** The organisation tree, held in memory: it is small (hundreds of rows) and read on every request. */
export class OrgTree {
  private byId = new Map<number, OrgNode>();
  private children = new Map<number, number[]>();

  constructor(nodes: OrgNode[]) {
    for (const n of nodes) {
      this.byId.set(n.id, n);
      if (n.parentId !== null) {
        const list = this.children.get(n.parentId) ?? [];
        list.push(n.id);
        this.children.set(n.parentId, list);
      }
    }
  }

  static async load(db: Db): Promise<OrgTree> {
    const nodes = await db.select().from(org).orderBy(asc(org.id));
    return new OrgTree(nodes.map((n) => ({ ...n, kind: n.kind as OrgNode['kind'] })));
  }

  get(id: number): OrgNode | undefined {
    return this.byId.get(id);
  }

  all(): OrgNode[] {
    return [...this.byId.values()];
  }

  /** The node and everything below it. */
  subtree(id: number): number[] {
    const out: number[] = [];
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      if (!this.byId.has(cur)) continue;
      out.push(cur);
      stack.push(...(this.children.get(cur) ?? []));
    }
    return out;
  }

  /** The node and every node above it, nearest first. */
  ancestry(id: number): number[] {
    const out: number[] = [];
    let cur = this.byId.get(id);
    while (cur) {
      out.push(cur.id);
      cur = cur.parentId === null ? undefined : this.byId.get(cur.parentId);
    }
    return out;
  }

  isWithin(id: number, ancestorId: number): boolean {
    return this.ancestry(id).includes(ancestorId);
  }

  root(id: number): number {
    const a = this.ancestry(id);
    return a[a.length - 1] ?? id;
  }

  canteens(): OrgNode[] {
    return this.all().filter((n) => n.kind === 'canteen');
  }
}
