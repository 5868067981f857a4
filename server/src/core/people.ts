import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from './db.ts';
import { person, roleAssignment } from './schema.ts';

/** Display names for people referred to by id (creators, approvers) in any module's records. */
export async function personNames(db: Db, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => typeof i === 'number'))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: person.id, name: person.name }).from(person).where(inArray(person.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Active people holding one of `roleKeys` through a role given at organisation `orgId` itself (whom to tell). */
export async function roleHoldersAt(db: Db, orgId: number, roleKeys: string[]) {
  if (!roleKeys.length) return [];
  return db.selectDistinct({ personId: person.id, name: person.name, username: person.username, phone: person.phone })
    .from(roleAssignment).innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(and(eq(roleAssignment.orgId, orgId), inArray(roleAssignment.roleKey, roleKeys), eq(person.active, true)))
    .orderBy(person.id);
}

/** Active people by id, as notifiers address them. */
export async function peopleById(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ personId: person.id, name: person.name, username: person.username, phone: person.phone })
    .from(person).where(and(inArray(person.id, ids), eq(person.active, true))).orderBy(person.id);
}

/** One person's name and home organisation (their agency unit for diners), or null. */
export async function personById(db: Db, id: number): Promise<{ id: number; name: string; orgId: number; username: string } | null> {
  const [row] = await db.select({ id: person.id, name: person.name, orgId: person.orgId, username: person.username }).from(person).where(eq(person.id, id));
  return row ?? null;
}

/** People by user name, in the order asked (unknown names left out). */
export async function peopleByUsername(db: Db, usernames: string[]): Promise<{ id: number; name: string; orgId: number; username: string }[]> {
  if (!usernames.length) return [];
  const found = await db.select({ id: person.id, name: person.name, orgId: person.orgId, username: person.username }).from(person).where(inArray(person.username, usernames));
  const byName = new Map(found.map((p) => [p.username, p]));
  return usernames.flatMap((u) => byName.get(u) ?? []);
}
