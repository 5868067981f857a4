import { z } from 'zod';
import { IdParams, route, type App } from '../../core/http.ts';
import { CopyInput, MustServeInput, PlanInput, PlanQuery, PublishedQuery } from './contracts.ts';
import { P } from './permissions.ts';
import * as svc from './service.ts';

const tag = '菜品计划 menu plans';

export function menuRoutes(app: App): void {
  route(app, { method: 'get', path: '/api/menu-plans', tag, summary: '菜品计划列表 / plans in a date range', guard: { permission: P['menu.plan.read'] }, cache: true, query: PlanQuery,
    handler: (ctx, { query }) => svc.listPlans(ctx, query) });
  route(app, { method: 'get', path: '/api/menu-plans/:id', tag, summary: '菜品计划 / one plan', guard: { permission: P['menu.plan.read'] }, cache: true, params: IdParams,
    handler: (ctx, { params }) => svc.getPlan(ctx, params.id) });
  route(app, { method: 'put', path: '/api/menu-plans', tag, summary: '保存菜品计划（草稿）/ save a draft plan', guard: { permission: P['menu.plan.write'] }, body: PlanInput,
    handler: (ctx, { body }) => svc.savePlan(ctx, body) });
  route(app, { method: 'post', path: '/api/menu-plans/:id/publish', tag, summary: '发布 / publish', guard: { permission: P['menu.plan.publish'] }, params: IdParams,
    handler: (ctx, { params }) => svc.setPublished(ctx, params.id, true) });
  route(app, { method: 'post', path: '/api/menu-plans/:id/withdraw', tag, summary: '撤回发布 / withdraw', guard: { permission: P['menu.plan.publish'] }, params: IdParams,
    handler: (ctx, { params }) => svc.setPublished(ctx, params.id, false) });
  route(app, { method: 'post', path: '/api/menu-plans/copy', tag, summary: '复制一天或一周 / copy a day or a week', guard: { permission: P['menu.plan.write'] }, body: CopyInput,
    handler: (ctx, { body }) => svc.copyPlans(ctx, body) });
  route(app, { method: 'get', path: '/api/must-serve', tag, summary: '必排菜 / must-serve dishes', guard: { permission: P['menu.plan.read'] },
    query: z.object({ canteenId: z.coerce.number().int().positive() }),
    handler: (ctx, { query }) => {
      ctx.access.requireCanteen(P['menu.plan.read'], query.canteenId);
      return svc.mustServeDishes(ctx, query.canteenId);
    } });
  route(app, { method: 'put', path: '/api/must-serve', tag, summary: '设置必排菜 / set must-serve dishes', guard: { permission: P['menu.must_serve.write'] }, body: MustServeInput,
    handler: (ctx, { body }) => svc.setMustServe(ctx, body) });
  route(app, { method: 'get', path: '/api/menu/published', tag, summary: '今日菜谱（就餐人员）/ published menus for diners', guard: { permission: P['menu.published.read'] },
    // The same menus for every diner of a bureau: one kept answer serves them all.
    cache: { per: (ctx) => `bureau ${ctx.tree.root(ctx.user!.orgId)}` }, query: PublishedQuery,
    handler: (ctx, { query }) => svc.publishedMenus(ctx, query) });
}
