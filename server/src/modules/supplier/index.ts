export { supplierRoutes } from './routes.ts';
export { P as supplierPermissions } from './permissions.ts';
export { pricesFor, savePriceList, suppliersUsableBy, type QuotedPrice } from './service.ts';
export type { PriceFeed, PriceQuote } from './adapters/price-feed.ts';
export { createSupplier } from './service.ts';
export { unitPrice } from './unit-price.ts';
