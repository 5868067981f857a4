export { orderRoutes } from './routes.ts';
export { P as orderPermissions } from './permissions.ts';
export { orderReactions, stopOrderJobs, sweepNoShows } from './lockers.ts';
export { orderSalesByDish, type OrderSale } from './revenue.ts';
export { setOffers } from './offers.ts';
export { chinaMinute, chinaTime, MEAL_ENDS, MEAL_LABEL } from './settings.ts';
