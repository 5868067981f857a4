export { checkoutRoutes } from './routes.ts';
export { P as checkoutPermissions } from './permissions.ts';
export { checkoutReactions, mealAt } from './board.ts';
export { createStation, listStations } from './stations.ts';
export { loadSalesHistory, type HistorySale } from './history.ts';
export { allocate, paidSalesByMeal } from './settlement.ts';
export { registerSample } from './recognition.ts';
export { closeYesterday, startNightlyClose, stopNightlyClose } from './settlement.ts';
