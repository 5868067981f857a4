import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, gt, lt } from 'drizzle-orm';
import { audit } from './audit.ts';
import type { Ctx, Platform, SessionUser } from './context.ts';
import { AppError } from './errors.ts';
import { CACHES_STALE } from './platform.ts';
import { person, roleAssignment, session } from './schema.ts';

export const SESSION_COOKIE = 'sl_session';
export const SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export const hashPassword = (password: string) => hash(password);

let dummyHash: string | undefined;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Per-address throttle in front of the per-account lock-out: slows guessing across many accounts. */
export class RateLimiter {
  private hits = new Map<string, number[]>();
  constructor(private readonly limit: number, private readonly windowMs: number) {}

  allow(key: string, now: number): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }
}

const badLogin = () =>
  new AppError(401, 'bad_credentials', '用户名或密码错误', 'Wrong username or password');

export async function login(ctx: Ctx, username: string, password: string) {
  const now = ctx.now();
  const [p] = await ctx.db.select().from(person).where(eq(person.username, username));
  if (!p || !p.active) {
    // Spend the same time as a real check, so response time does not reveal which usernames exist.
    await verify((dummyHash ??= await hashPassword('not-a-password')), password);
    throw badLogin();
  }
  if (p.lockedUntil && p.lockedUntil > now) {
    const minutes = Math.ceil((p.lockedUntil.getTime() - now.getTime()) / 60000);
    throw new AppError(423, 'account_locked', `密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
      `Too many failed attempts; the account is locked for ${minutes} more minute(s)`);
  }
  if (!(await verify(p.passwordHash, password))) {
    const failed = p.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await ctx.db.update(person).set({
      failedLogins: lock ? 0 : failed,
      lockedUntil: lock ? new Date(now.getTime() + LOCK_MINUTES * 60000) : p.lockedUntil,
    }).where(eq(person.id, p.id));
    if (lock) await audit({ ...ctx, user: null }, { orgId: p.orgId, action: 'auth.locked', entity: 'person', entityId: p.id });
    throw badLogin();
  }
  await ctx.db.update(person).set({ failedLogins: 0, lockedUntil: null }).where(eq(person.id, p.id));
  await ctx.db.delete(session).where(lt(session.expiresAt, now));
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await ctx.db.insert(session).values({
    id: sha256(token), personId: p.id, csrfToken, createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
  });
  await audit({ ...ctx, user: { id: p.id, name: p.name } as SessionUser }, {
    orgId: p.orgId, action: 'auth.login', entity: 'person', entityId: p.id,
  });
  return { token, csrfToken, personId: p.id };
}

type LoadedSession = { user: SessionUser; assignments: { orgId: number; roleKey: string }[]; expiresAt: number };
const SESSION_CACHE_MS = 30_000;

export async function loadSession(platform: Platform, token: string): Promise<LoadedSession | null> {
  const key = sha256(token);
  const now = platform.now().getTime();
  const cached = platform.sessions.get(key) as SessionEntry | undefined;
  if (cached) {
    const s = await cached.value;
    if (s && s.expiresAt > now) {
      // An older one is answered at once and read again behind it, so no request waits for a database busy elsewhere.
      if (now - cached.at >= SESSION_CACHE_MS && !cached.refreshing) reread(platform, key, cached, now);
      return s;
    }
    if (platform.sessions.get(key) === cached) platform.sessions.delete(key);
  }
  // The promise is kept: one query for all the requests of a session that arrive together (a page loads several).
  const entry: SessionEntry = { at: now, value: querySession(platform, key) };
  platform.sessions.set(key, entry);
  const forget = () => {
    if (platform.sessions.get(key) === entry) platform.sessions.delete(key);
  };
  entry.value.then((loaded) => loaded || forget(), forget);
  return entry.value;
}

type SessionEntry = { at: number; value: Promise<LoadedSession | null>; refreshing?: boolean };

/** Replaces a kept session with a fresh reading, unless a logout or a change of password or roles cleared it meanwhile. */
function reread(platform: Platform, key: string, previous: SessionEntry, now: number) {
  previous.refreshing = true;
  const value = querySession(platform, key);
  value.then((loaded) => {
    if (platform.sessions.get(key) !== previous) return;
    if (loaded) platform.sessions.set(key, { at: now, value });
    else platform.sessions.delete(key);
  }, () => {
    previous.refreshing = false;
  });
}

async function querySession(platform: Platform, key: string): Promise<LoadedSession | null> {
  const db = platform.database.db;
  const [row] = await db
    .select({ s: session, p: person })
    .from(session)
    .innerJoin(person, eq(person.id, session.personId))
    .where(and(eq(session.id, key), gt(session.expiresAt, platform.now())));
  if (!row || !row.p.active) return null;
  const assignments = await db
    .select({ orgId: roleAssignment.orgId, roleKey: roleAssignment.roleKey })
    .from(roleAssignment)
    .where(eq(roleAssignment.personId, row.p.id));
  return {
    user: { id: row.p.id, name: row.p.name, username: row.p.username, orgId: row.p.orgId, sessionId: row.s.id, csrfToken: row.s.csrfToken },
    assignments,
    expiresAt: row.s.expiresAt.getTime(),
  };
}

export async function logout(ctx: Ctx): Promise<void> {
  if (!ctx.user) return;
  await ctx.db.delete(session).where(eq(session.id, ctx.user.sessionId));
  await audit(ctx, { orgId: ctx.user.orgId, action: 'auth.logout', entity: 'person', entityId: ctx.user.id });
  ctx.platform.invalidateCaches();
  ctx.emit(CACHES_STALE, {});
}

export async function changePassword(ctx: Ctx, current: string, next: string): Promise<void> {
  const user = ctx.user!;
  const [p] = await ctx.db.select().from(person).where(eq(person.id, user.id));
  if (!p || !(await verify(p.passwordHash, current))) {
    throw new AppError(400, 'bad_current_password', '当前密码不正确', 'The current password is wrong');
  }
  if (current === next) {
    throw new AppError(400, 'same_password', '新密码不能与当前密码相同', 'The new password must differ from the current one');
  }
  await ctx.db.update(person).set({ passwordHash: await hashPassword(next), passwordChangedAt: ctx.now() }).where(eq(person.id, user.id));
  // Other sessions of this person end: a changed password must lock out whoever had the old one.
  const others = await ctx.db.select({ id: session.id }).from(session).where(eq(session.personId, user.id));
  for (const s of others) if (s.id !== user.sessionId) await ctx.db.delete(session).where(eq(session.id, s.id));
  await audit(ctx, { orgId: user.orgId, action: 'auth.password_changed', entity: 'person', entityId: user.id });
  ctx.platform.invalidateCaches();
  ctx.emit(CACHES_STALE, {});
}
