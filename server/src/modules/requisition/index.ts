export { requisitionRoutes } from './routes.ts';
export { P as requisitionPermissions } from './permissions.ts';
export { getRequisition } from './service.ts';
export { decideRequisition, generateRequisition, submitRequisition } from './service.ts';
