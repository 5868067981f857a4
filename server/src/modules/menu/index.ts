export { menuRoutes } from './routes.ts';
export { P as menuPermissions } from './permissions.ts';
export { addDays, publishedDemand } from './service.ts';
export { savePlan, setMustServe, setPublished } from './service.ts';
