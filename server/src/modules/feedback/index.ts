export { feedbackRoutes } from './routes.ts';
export { P as feedbackPermissions } from './permissions.ts';
