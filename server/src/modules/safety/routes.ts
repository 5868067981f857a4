import { z } from 'zod';
import { route, type App } from '../../core/http.ts';
import { DayQuery, PhotoParams } from './contracts.ts';
import { safetyDay } from './day.ts';
import { openKitchen, openKitchenCanteens, openKitchenPhoto } from './open-kitchen.ts';
import { P } from './permissions.ts';
import { inlineFile } from '../../core/inline-file.ts';

const tag = '食品安全 food safety';
const CanteenParams = z.object({ canteenId: z.coerce.number().int().positive() });

export function safetyRoutes(app: App): void {
  route(app, { method: 'get', path: '/api/safety/day', tag, summary: '食品安全当日概览 / the food-safety day at a glance', guard: { permission: P['safety.day.read'] }, query: DayQuery,
    handler: (ctx, { query }) => safetyDay(ctx, query) });
  route(app, { method: 'get', path: '/api/open-kitchen', tag, summary: '阳光厨房：可查看的食堂 / canteens with an open kitchen', guard: { authenticated: true },
    handler: async (ctx) => openKitchenCanteens(ctx) });
  route(app, { method: 'get', path: '/api/open-kitchen/:canteenId', tag, summary: '阳光厨房：今日留样、自查、冷链与直播 / open kitchen of a canteen', guard: { authenticated: true }, params: CanteenParams,
    handler: (ctx, { params }) => openKitchen(ctx, params.canteenId) });
  route(app, { method: 'get', path: '/api/open-kitchen/:canteenId/photos/:kind/:id', tag, summary: '阳光厨房照片 / an open-kitchen photo', guard: { authenticated: true }, params: CanteenParams.extend(PhotoParams.shape),
    handler: async (ctx, { params }) => {
      const p = await openKitchenPhoto(ctx, params.canteenId, params.kind, params.id);
      return inlineFile(p.bytes, p.type, { maxAgeS: 3600 });
    } });
}
