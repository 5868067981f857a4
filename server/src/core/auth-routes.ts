import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { RateLimiter, SESSION_COOKIE, SESSION_HOURS, changePassword, login, logout } from './auth.ts';
import { AppError } from './errors.ts';
import { route, type App } from './http.ts';
import { allPermissions } from './permissions.ts';

const tag = '登录 auth';

export function authRoutes(app: App): void {
  const limiter = new RateLimiter(20, 60_000);
  route(app, {
    method: 'post', path: '/api/auth/login', tag, summary: '登录 / sign in', guard: { public: true }, noTransaction: true,
    body: z.object({ username: z.string().trim().min(1).max(60), password: z.string().min(1).max(200) }),
    handler: async (ctx, { body }, c) => {
      const ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'local';
      if (!limiter.allow(`${ip}|${body.username}`, ctx.now().getTime())) {
        throw new AppError(429, 'too_many_attempts', '尝试次数过多，请一分钟后再试', 'Too many attempts; try again in a minute');
      }
      const s = await login(ctx, body.username, body.password);
      setCookie(c, SESSION_COOKIE, s.token, {
        httpOnly: true, sameSite: 'Lax', path: '/', secure: ctx.platform.config.secureCookies, maxAge: SESSION_HOURS * 3600,
      });
      return { ok: true, csrfToken: s.csrfToken };
    },
  });
  route(app, {
    method: 'post', path: '/api/auth/logout', tag, summary: '退出 / sign out', guard: { authenticated: true },
    handler: async (ctx, _i, c) => {
      await logout(ctx);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  });
  route(app, {
    method: 'get', path: '/api/auth/me', tag, summary: '当前用户 / who am I', guard: { authenticated: true },
    handler: async (ctx) => {
      const grants = await ctx.platform.grants();
      const permissions = allPermissions().map((p) => p.key).filter((k) => ctx.access.has(k));
      return {
        user: { id: ctx.user!.id, name: ctx.user!.name, username: ctx.user!.username, orgId: ctx.user!.orgId },
        csrfToken: ctx.user!.csrfToken,
        roles: ctx.access.assignments.map((a) => ({ ...a, orgName: ctx.tree.get(a.orgId)?.name, permissions: [...(grants.get(a.roleKey) ?? [])].length })),
        permissions,
        canteens: ctx.tree.canteens().filter((cn) => ctx.access.assignments.some((a) => ctx.tree.isWithin(cn.id, a.orgId)))
          .map((cn) => ({ id: cn.id, name: cn.name })),
      };
    },
  });
  route(app, {
    method: 'post', path: '/api/auth/password', tag, summary: '修改密码 / change password', guard: { authenticated: true },
    body: z.object({ current: z.string().min(1).max(200), next: z.string().min(8).max(200) }),
    handler: async (ctx, { body }) => {
      await changePassword(ctx, body.current, body.next);
      return { ok: true };
    },
  });
}
