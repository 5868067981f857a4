export { menuRoutes } from './routes.ts';
export { P as menuPermissions } from './permissions.ts';
export { addDays, publishedDemand } from './service.ts';
export { insertPublishedPlans, savePlan, setMustServe, setPublished } from './service.ts';
export { publishedMenus } from './service.ts';
