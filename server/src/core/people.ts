import { inArray } from 'drizzle-orm';
import type { Db } from './db.ts';
import { person } from './schema.ts';

/** Display names for people referred to by id (creators, approvers) in any module's records. */
export async function personNames(db: Db, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => typeof i === 'number'))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: person.id, name: person.name }).from(person).where(inArray(person.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
