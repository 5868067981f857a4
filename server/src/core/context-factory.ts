import { eq } from 'drizzle-orm';
import type { Ctx, Platform, SessionUser } from './context.ts';
import type { Lang } from './errors.ts';
import { Access, type Assignment } from './permissions.ts';
import { person, roleAssignment } from './schema.ts';

/** The one way a `ctx` is made: for a request, a demo step or a benchmark acting as a person. */
export async function makeCtx(platform: Platform, user: SessionUser | null, assignments: Assignment[], lang: Lang): Promise<Ctx> {
  const tree = await platform.orgTree();
  return {
    db: platform.database.db,
    platform,
    user,
    access: new Access(tree, assignments, await platform.grants()),
    tree,
    lang,
    now: platform.now,
    emit: (name, payload) => platform.events.emit(name, payload),
  };
}

/** A ctx acting as a named person, with exactly their roles (demo data and benchmarks go through the same checks). */
export async function ctxAs(platform: Platform, username: string): Promise<Ctx> {
  const db = platform.database.db;
  const [p] = await db.select().from(person).where(eq(person.username, username));
  if (!p) throw new Error(`no person ${username}`);
  const assignments = await db.select({ orgId: roleAssignment.orgId, roleKey: roleAssignment.roleKey }).from(roleAssignment).where(eq(roleAssignment.personId, p.id));
  return makeCtx(platform, { id: p.id, name: p.name, username: p.username, orgId: p.orgId, sessionId: '', csrfToken: '' }, assignments, 'zh');
}
