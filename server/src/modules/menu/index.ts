export { menuRoutes } from './routes.ts';
export { P as menuPermissions } from './permissions.ts';
export { addDays, publishedDemand } from './service.ts';
