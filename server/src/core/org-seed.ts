import { eq } from 'drizzle-orm';
import type { Db } from './db.ts';
import { org, person, roleAssignment } from './schema.ts';

export interface OrgSpec {
  code: string;
  name: string;
  kind: 'bureau' | 'centre' | 'canteen' | 'unit';
  parentCode?: string;
}

/** Inserts organisations in order (parents first) and fills their paths; returns code → id. */
export async function insertOrgs(db: Db, specs: OrgSpec[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const paths = new Map<string, string>();
  for (const s of specs) {
    const parentId = s.parentCode ? ids.get(s.parentCode)! : null;
    const [row] = await db.insert(org).values({ code: s.code, name: s.name, kind: s.kind, parentId, path: '' }).returning({ id: org.id });
    const p = `${s.parentCode ? paths.get(s.parentCode)! : '/'}${row!.id}/`;
    await db.update(org).set({ path: p }).where(eq(org.id, row!.id));
    ids.set(s.code, row!.id);
    paths.set(s.code, p);
  }
  return ids;
}

export interface PersonSpec {
  username: string;
  name: string;
  orgId: number;
  passwordHash: string;
  roles: { orgId: number; roleKey: string }[];
}

export async function insertPeople(db: Db, specs: PersonSpec[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < specs.length; i += 500) {
    const chunk = specs.slice(i, i + 500);
    const rows = await db.insert(person)
      .values(chunk.map((s) => ({ username: s.username, name: s.name, orgId: s.orgId, passwordHash: s.passwordHash })))
      .returning({ id: person.id, username: person.username });
    for (const r of rows) ids.set(r.username, r.id);
    const roles = chunk.flatMap((s) => s.roles.map((r) => ({ personId: ids.get(s.username)!, ...r })));
    if (roles.length) await db.insert(roleAssignment).values(roles);
  }
  return ids;
}
