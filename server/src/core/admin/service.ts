// Administration of the platform's own tables (organisations, people, roles, grants, audit log): it lives in
// core beside auth, because those tables are core's and business modules never reach into them.
import { and, desc, eq, gte, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../audit.ts';
import { hashPassword } from '../auth.ts';
import { CACHES_STALE } from '../platform.ts';
import type { Ctx } from '../context.ts';
import { AppError, conflict, forbidden, notFound } from '../errors.ts';
import { allPermissions, isPermission } from '../permissions.ts';
import { auditLog, org, person, role, roleAssignment, rolePermission } from '../schema.ts';
import { P } from './permissions.ts';
import type { AuditQuery, OrgInput, PersonInput, PersonRolesInput, RoleInput } from './contracts.ts';

const ORG = { zh: '组织', en: 'Organisation' };
const PERSON = { zh: '人员', en: 'Person' };
const ROLE = { zh: '角色', en: 'Role' };

export async function listOrgs(ctx: Ctx) {
  const visible = new Set([...ctx.access.readScope(P['admin.org.read']), ...ctx.access.readScope(P['admin.person.write'])]);
  return ctx.tree.all().filter((n) => visible.has(n.id));
}

export async function createOrg(ctx: Ctx, input: z.infer<typeof OrgInput>) {
  const parent = ctx.tree.get(input.parentId);
  if (!parent) throw notFound(ORG);
  ctx.access.require(P['admin.org.write'], parent.id);
  const [dup] = await ctx.db.select({ id: org.id }).from(org).where(eq(org.code, input.code));
  if (dup) throw conflict('org_code_taken', `组织编码 ${input.code} 已被使用`, `Organisation code ${input.code} is taken`);
  const [row] = await ctx.db.insert(org).values({ ...input, path: '' }).returning();
  const [saved] = await ctx.db.update(org).set({ path: `${parent.path}${row!.id}/` }).where(eq(org.id, row!.id)).returning();
  await audit(ctx, { orgId: saved!.id, action: 'org.created', entity: 'org', entityId: saved!.id, after: saved });
  ctx.platform.invalidateCaches();
  ctx.emit(CACHES_STALE, {});
  return saved!;
}

async function checkAssignable(ctx: Ctx, roles: { orgId: number; roleKey: string }[]) {
  const keys = new Set((await ctx.db.select({ key: role.key }).from(role)).map((r) => r.key));
  for (const r of roles) {
    if (!keys.has(r.roleKey)) throw new AppError(400, 'unknown_role', `角色 ${r.roleKey} 不存在`, `Role ${r.roleKey} does not exist`);
    if (!ctx.tree.get(r.orgId)) throw notFound(ORG);
    ctx.access.require(P['admin.person.write'], r.orgId);
  }
}

export async function listPeople(ctx: Ctx, q: { orgId?: number; search?: string }) {
  const scope = ctx.access.scope(P['admin.person.read']);
  const conds = [inArray(person.orgId, scope.length ? scope : [-1])];
  if (q.orgId) conds.push(eq(person.orgId, q.orgId));
  if (q.search) conds.push(or(ilike(person.name, `%${q.search}%`), ilike(person.username, `%${q.search}%`))!);
  const people = await ctx.db
    .select({ id: person.id, orgId: person.orgId, username: person.username, name: person.name, phone: person.phone, active: person.active, lockedUntil: person.lockedUntil })
    .from(person).where(and(...conds)).orderBy(person.id).limit(500);
  const roles = people.length
    ? await ctx.db.select().from(roleAssignment).where(inArray(roleAssignment.personId, people.map((p) => p.id)))
    : [];
  return people.map((p) => ({ ...p, roles: roles.filter((r) => r.personId === p.id).map(({ orgId, roleKey }) => ({ orgId, roleKey })) }));
}

export async function createPerson(ctx: Ctx, input: z.infer<typeof PersonInput>) {
  if (!ctx.tree.get(input.orgId)) throw notFound(ORG);
  ctx.access.require(P['admin.person.write'], input.orgId);
  await checkAssignable(ctx, input.roles);
  const [dup] = await ctx.db.select({ id: person.id }).from(person).where(eq(person.username, input.username));
  if (dup) throw conflict('username_taken', `用户名 ${input.username} 已被使用`, `Username ${input.username} is taken`);
  const [row] = await ctx.db.insert(person).values({
    orgId: input.orgId, username: input.username, name: input.name, phone: input.phone, passwordHash: await hashPassword(input.password),
  }).returning({ id: person.id, orgId: person.orgId, username: person.username, name: person.name });
  for (const r of input.roles) await ctx.db.insert(roleAssignment).values({ personId: row!.id, ...r }).onConflictDoNothing();
  await audit(ctx, { orgId: input.orgId, action: 'person.created', entity: 'person', entityId: row!.id, after: { ...row, roles: input.roles } });
  return row!;
}

export async function updatePersonRoles(ctx: Ctx, personId: number, input: z.infer<typeof PersonRolesInput>) {
  const [p] = await ctx.db.select().from(person).where(eq(person.id, personId));
  if (!p || !ctx.access.can(P['admin.person.read'], p.orgId) && !ctx.access.can(P['admin.person.write'], p.orgId)) throw notFound(PERSON);
  ctx.access.require(P['admin.person.write'], p.orgId);
  const before = await ctx.db.select().from(roleAssignment).where(eq(roleAssignment.personId, personId));
  // Roles held at organisations outside the caller's reach are kept as they are.
  const untouchable = before.filter((r) => !ctx.access.can(P['admin.person.write'], r.orgId));
  await checkAssignable(ctx, input.roles);
  await ctx.db.delete(roleAssignment).where(eq(roleAssignment.personId, personId));
  for (const r of [...untouchable.map(({ orgId, roleKey }) => ({ orgId, roleKey })), ...input.roles]) {
    await ctx.db.insert(roleAssignment).values({ personId, ...r }).onConflictDoNothing();
  }
  if (input.active !== undefined) await ctx.db.update(person).set({ active: input.active }).where(eq(person.id, personId));
  await audit(ctx, { orgId: p.orgId, action: 'person.roles_changed', entity: 'person', entityId: personId,
    before: { roles: before.map(({ orgId, roleKey }) => ({ orgId, roleKey })), active: p.active }, after: input });
  ctx.platform.invalidateCaches();
  ctx.emit(CACHES_STALE, {});
  return { ok: true };
}

export async function listRoles(ctx: Ctx) {
  const roles = await ctx.db.select().from(role).orderBy(role.key);
  const grants = await ctx.db.select().from(rolePermission);
  return {
    roles: roles.map((r) => ({ ...r, permissions: grants.filter((g) => g.roleKey === r.key).map((g) => g.permission).sort() })),
    permissions: allPermissions().map(({ key, zh, en }) => ({ key, zh, en })),
  };
}

export async function createRole(ctx: Ctx, input: z.infer<typeof RoleInput>) {
  const [dup] = await ctx.db.select().from(role).where(eq(role.key, input.key));
  if (dup) throw conflict('role_taken', `角色 ${input.key} 已存在`, `Role ${input.key} already exists`);
  await ctx.db.insert(role).values({ ...input, builtin: false });
  await audit(ctx, { orgId: null, action: 'role.created', entity: 'role', entityId: input.key, after: input });
  return { key: input.key };
}

export async function setRoleGrants(ctx: Ctx, roleKey: string, permissions: string[]) {
  const [r] = await ctx.db.select().from(role).where(eq(role.key, roleKey));
  if (!r) throw notFound(ROLE);
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length) throw new AppError(400, 'unknown_permission', `未知权限：${unknown.join(', ')}`, `Unknown permissions: ${unknown.join(', ')}`);
  if (roleKey === 'admin' && !permissions.includes(P['admin.role.write'])) {
    throw new AppError(400, 'admin_lockout', '不能去掉系统管理员设置权限的权限，否则将无人能再设置', 'The administrator must keep the right to edit role permissions');
  }
  // Only the bureau-wide administrator changes grants: a grant applies everywhere the role is held.
  if (!ctx.tree.all().some((n) => n.parentId === null && ctx.access.can(P['admin.role.write'], n.id))) throw forbidden();
  const before = (await ctx.db.select().from(rolePermission).where(eq(rolePermission.roleKey, roleKey))).map((g) => g.permission).sort();
  await ctx.db.delete(rolePermission).where(eq(rolePermission.roleKey, roleKey));
  const after = [...new Set(permissions)].sort();
  if (after.length) await ctx.db.insert(rolePermission).values(after.map((permission) => ({ roleKey, permission })));
  await audit(ctx, { orgId: null, action: 'role.grants_changed', entity: 'role', entityId: roleKey, before, after });
  ctx.platform.invalidateCaches();
  ctx.emit(CACHES_STALE, {});
  return { roleKey, permissions: after };
}

export async function searchAudit(ctx: Ctx, q: z.infer<typeof AuditQuery>) {
  const scope = ctx.access.scope(P['admin.audit.read']);
  const isRootAdmin = ctx.tree.all().some((n) => n.parentId === null && ctx.access.can(P['admin.audit.read'], n.id));
  const conds = [isRootAdmin ? or(inArray(auditLog.orgId, scope), sql`${auditLog.orgId} is null`)! : inArray(auditLog.orgId, scope.length ? scope : [-1])];
  if (q.entity) conds.push(eq(auditLog.entity, q.entity));
  if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
  if (q.action) conds.push(ilike(auditLog.action, `%${q.action}%`));
  if (q.actor) conds.push(ilike(auditLog.actorName, `%${q.actor}%`));
  if (q.from) conds.push(gte(auditLog.at, new Date(`${q.from}T00:00:00+08:00`)));
  if (q.to) conds.push(lt(auditLog.at, new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86400_000)));
  const where = and(...conds);
  const [items, [total]] = await Promise.all([
    ctx.db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(q.limit).offset(q.offset),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { items, total: total!.n };
}
