export { adminRoutes } from './routes.ts';
export { P as adminPermissions } from './permissions.ts';
