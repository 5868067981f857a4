import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { authRoutes } from './core/auth-routes.ts';
import type { Platform } from './core/context.ts';
import { createApp, mountOpenApi, type App } from './core/http.ts';
import { adminRoutes } from './core/admin/routes.ts';
import { deviceRoutes } from './devices/index.ts';
import { accountRoutes } from './modules/account/index.ts';
import { alertReactions, alertRoutes } from './modules/alert/index.ts';
import { checkoutReactions, checkoutRoutes, startNightlyClose } from './modules/checkout/index.ts';
import { dishReactions, dishRoutes } from './modules/dish/index.ts';
import { feedbackRoutes } from './modules/feedback/index.ts';
import { ingredientReactions, ingredientRoutes } from './modules/ingredient/index.ts';
import { inspectionReactions, inspectionRoutes } from './modules/inspection/index.ts';
import { costingRoutes } from './modules/costing/index.ts';
import { menuRoutes } from './modules/menu/index.ts';
import { monitoringReactions, monitoringRoutes } from './modules/monitoring/index.ts';
import { orderReactions, orderRoutes } from './modules/order/index.ts';
import { purchaseRoutes } from './modules/purchase/index.ts';
import { reportRoutes } from './modules/report/index.ts';
import { requisitionRoutes } from './modules/requisition/index.ts';
import { sampleReactions, sampleRoutes } from './modules/sample/index.ts';
import { safetyRoutes } from './modules/safety/index.ts';
import { stockRoutes } from './modules/stock/index.ts';
import { supplierRoutes } from './modules/supplier/index.ts';
import { workerReactions, workerRoutes } from './modules/worker/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDist = path.resolve(here, '../../web/dist');
const swaggerDir = path.dirname(fileURLToPath(import.meta.resolve('swagger-ui-dist/package.json')));

/** Every module registers its routes here; this is the one list of what the platform serves. */
export function buildApp(platform: Platform): App {
  const app = createApp(platform);
  ingredientReactions(platform);
  dishReactions(platform);
  alertReactions(platform);
  checkoutReactions(platform);
  startNightlyClose(platform);
  orderReactions(platform);
  monitoringReactions(platform);
  inspectionReactions(platform);
  sampleReactions(platform);
  workerReactions(platform);
  authRoutes(app);
  adminRoutes(app);
  ingredientRoutes(app);
  supplierRoutes(app);
  dishRoutes(app);
  menuRoutes(app);
  requisitionRoutes(app);
  purchaseRoutes(app);
  stockRoutes(app);
  costingRoutes(app);
  accountRoutes(app);
  checkoutRoutes(app);
  reportRoutes(app);
  deviceRoutes(app);
  alertRoutes(app);
  feedbackRoutes(app);
  orderRoutes(app);
  monitoringRoutes(app);
  inspectionRoutes(app);
  sampleRoutes(app);
  workerRoutes(app);
  safetyRoutes(app);
  mountOpenApi(app);
  app.get('/api/docs', (c) => c.html(`<!doctype html><html><head><meta charset="utf-8"><title>API 文档</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' });</script></body></html>`));
  app.use('/api/docs/assets/*', serveStatic({ root: path.relative(process.cwd(), swaggerDir), rewriteRequestPath: (p) => p.replace('/api/docs/assets', '') }));
  if (fs.existsSync(webDist)) {
    const root = path.relative(process.cwd(), webDist);
    app.use('/*', serveStatic({ root }));
    // The web app routes on the client: every non-API path gets index.html.
    app.get('*', serveStatic({ root, rewriteRequestPath: () => '/index.html' }));
  }
  return app;
}
