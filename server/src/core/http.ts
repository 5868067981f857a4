import { OpenAPIHono, createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { z, type ZodType } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { SESSION_COOKIE, loadSession } from './auth.ts';
import { inTransaction, type Ctx, type Platform, type SessionUser } from './context.ts';
import { AppError, type Lang } from './errors.ts';
import { makeCtx } from './context-factory.ts';
import { isPermission } from './permissions.ts';

export type Env = { Variables: { ctx: Ctx } };

/** `:id` path parameter of most routes. */
export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export type App = OpenAPIHono<Env>;

const zhMap = zhCN().localeError;
const enMap = en().localeError;

export const errorBody = (err: AppError, lang: Lang) => ({
  code: err.code,
  message: lang === 'en' ? err.en : err.zh,
  details: err.details ?? null,
});

/** Every route says who may call it: a permission key, any signed-in user, or explicitly the public. */
export type Guard = { permission: string } | { authenticated: true } | { public: true };

export interface RouteInfo {
  method: string;
  path: string;
  guard: Guard;
  body: boolean;
}
export const routeTable: RouteInfo[] = [];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface RouteDef<B extends ZodType | undefined, Q extends ZodType | undefined, P extends ZodType | undefined, R> {
  method: Method;
  path: string;
  tag: string;
  summary: string;
  guard: Guard;
  body?: B;
  query?: Q;
  params?: P;
  /** For file uploads: the handler reads the multipart form itself. */
  multipart?: boolean;
  response?: ZodType;
  status?: 200 | 201;
  /**
   * Reads only: keep the answer per caller and URL until a table it read changes (core/response-cache.ts).
   * Only for handlers whose answer depends on nothing but the database, the caller and the URL (not the clock).
   * `per` names what the answer depends on instead of the caller, to share it (all the diners of a bureau).
   */
  cache?: true | { per: (ctx: Ctx) => string };
  /** Writes run in one transaction by default; login opts out so a failed attempt still counts. */
  noTransaction?: boolean;
  handler: (
    ctx: Ctx,
    input: { body: B extends ZodType ? z.infer<B> : undefined; query: Q extends ZodType ? z.infer<Q> : undefined; params: P extends ZodType ? z.infer<P> : undefined },
    c: Context<Env>,
  ) => Promise<R>;
}

function parseOrThrow<T extends ZodType>(schema: T, data: unknown, lang: Lang, where: string): z.infer<T> {
  const res = schema.safeParse(data, { error: lang === 'en' ? enMap : zhMap });
  if (res.success) return res.data;
  const issues = res.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0]!;
  const field = first.path ? `${first.path}: ` : '';
  throw new AppError(400, 'invalid_request', `请求${where === 'body' ? '内容' : '参数'}有误：${field}${first.message}`,
    `Invalid request ${where}: ${field}${first.message}`, { issues });
}

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z_]+)/g, '{$1}');

export function route<B extends ZodType | undefined = undefined, Q extends ZodType | undefined = undefined, P extends ZodType | undefined = undefined, R = unknown>(
  app: App,
  def: RouteDef<B, Q, P, R>,
): void {
  const guard = def.guard;
  if (def.cache && def.method !== 'get') throw new Error(`only reads are cached: ${def.path}`);
  if ('permission' in guard && !isPermission(guard.permission)) throw new Error(`unknown permission ${guard.permission} on ${def.path}`);
  routeTable.push({ method: def.method.toUpperCase(), path: def.path, guard, body: !!def.body || !!def.multipart });
  const request: RouteConfig['request'] = {};
  if (def.body) request.body = { content: { 'application/json': { schema: def.body as never } }, required: true };
  if (def.multipart) request.body = { content: { 'multipart/form-data': { schema: z.object({ file: z.any() }) as never } } };
  if (def.query) request.query = def.query as never;
  if (def.params) request.params = def.params as never;
  app.openAPIRegistry.registerPath(createRoute({
    method: def.method,
    path: toOpenApiPath(def.path),
    tags: [def.tag],
    summary: def.summary,
    description: 'permission' in guard ? `权限 permission: \`${guard.permission}\`` : 'public' in guard ? 'public' : 'signed-in users',
    request,
    responses: {
      [def.status ?? 200]: def.response
        ? { description: 'OK', content: { 'application/json': { schema: def.response as never } } }
        : { description: 'OK' },
      400: { description: '{code, message, details}' },
    },
  }));
  app.on(def.method.toUpperCase(), def.path, async (c) => {
    const ctx = c.get('ctx');
    if (!('public' in guard) && !ctx.user) {
      throw new AppError(401, 'not_signed_in', '请先登录', 'Please sign in first');
    }
    if ('permission' in guard) ctx.access.require(guard.permission);
    const params = def.params ? parseOrThrow(def.params, c.req.param(), ctx.lang, 'params') : undefined;
    const query = def.query ? parseOrThrow(def.query, c.req.query(), ctx.lang, 'query') : undefined;
    let body: unknown;
    if (def.body) {
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        throw new AppError(400, 'invalid_json', '请求内容不是有效的 JSON', 'The request body is not valid JSON');
      }
      body = parseOrThrow(def.body, raw, ctx.lang, 'body');
    }
    const input = { body, query, params } as Parameters<typeof def.handler>[1];
    if (def.cache && ctx.user && ctx.platform.config.responseCache) {
      const key = `${def.cache === true ? `person ${ctx.user.id}` : def.cache.per(ctx)}|${ctx.lang}|${c.req.url}`;
      const body = ctx.platform.responses.get(key) ?? await ctx.platform.responses.through(key, () => def.handler(ctx, input, c));
      return c.body(body, 200, { 'content-type': 'application/json' });
    }
    const write = def.method !== 'get' && !def.noTransaction;
    const result = write ? await inTransaction(ctx, (tx) => def.handler(tx, input, c)) : await def.handler(ctx, input, c);
    if (result instanceof Response) return result;
    return c.json((result ?? { ok: true }) as object, def.status ?? 200);
  });
}

function detectLang(c: Context): Lang {
  const cookie = getCookie(c, 'lang');
  if (cookie === 'en' || cookie === 'zh') return cookie;
  const header = c.req.header('accept-language') ?? '';
  return /^en/i.test(header) ? 'en' : 'zh';
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createApp(platform: Platform): App {
  const app = new OpenAPIHono<Env>();

  app.onError((err, c) => {
    const lang = detectLang(c);
    if (err instanceof AppError) return c.json(errorBody(err, lang), err.status);
    console.error(err);
    return c.json(errorBody(new AppError(400, 'internal', '服务器内部错误，请稍后重试', 'Internal error, please retry later'), lang), 500);
  });
  app.notFound((c) => c.json(errorBody(new AppError(404, 'no_route', '接口不存在', 'No such API route'), detectLang(c)), 404));

  app.use('/api/*', async (c, next) => {
    const lang = detectLang(c);
    let user: SessionUser | null = null;
    let assignments: { orgId: number; roleKey: string }[] = [];
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const s = await loadSession(platform, token);
      if (s) ({ user, assignments } = s);
    }
    if (UNSAFE.has(c.req.method)) {
      // Double defence against cross-site requests: a foreign Origin is refused, and a signed-in
      // caller must echo the per-session CSRF token that only our own pages can read.
      const origin = c.req.header('origin');
      if (origin && new URL(origin).host !== c.req.header('host')) {
        throw new AppError(403, 'csrf', '跨站请求被拒绝', 'Cross-site request refused');
      }
      if (user && c.req.header('x-csrf-token') !== user.csrfToken) {
        throw new AppError(403, 'csrf', '页面已过期，请刷新后重试', 'The page has expired; reload and try again');
      }
    }
    c.set('ctx', await makeCtx(platform, user, assignments, lang));
    await next();
  });
  return app;
}

export function mountOpenApi(app: App): void {
  app.get('/api/openapi.json', (c) =>
    c.json(app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: '智慧后勤平台 API / Smart Logistics Platform API', version: '0.1.0' },
    })),
  );
}
