export { checkoutRoutes } from './routes.ts';
export { P as checkoutPermissions } from './permissions.ts';
export { mealAt } from './board.ts';
export { createStation } from './stations.ts';
