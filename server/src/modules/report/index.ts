export { reportRoutes } from './routes.ts';
export { P as reportPermissions } from './permissions.ts';
export { buildReport } from './service.ts';
