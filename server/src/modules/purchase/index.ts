export { purchaseRoutes } from './routes.ts';
export { P as purchasePermissions } from './permissions.ts';
export { getOrder, ordersFromRequisition, receivableOrder, recordReceived, sendOrder } from './service.ts';
export { registerSupplierChannel, type OrderForSupplier, type SupplierChannel } from './adapters/supplier-channel.ts';
