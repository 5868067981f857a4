export { costingRoutes } from './routes.ts';
export { P as costingPermissions } from './permissions.ts';
export { saveSales, salesSums, writeSales, type SaleInput } from './sales.ts';
export { mealCosts } from './costing.ts';
