export { safetyRoutes } from './routes.ts';
export { P as safetyPermissions } from './permissions.ts';
