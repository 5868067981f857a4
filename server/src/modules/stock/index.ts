export { stockRoutes } from './routes.ts';
export { P as stockPermissions } from './permissions.ts';
export { EXPIRY_WARNING_DAYS, onHand } from './service.ts';
export { batchesDueBy, receiptsMissingDocuments } from './alert-scan.ts';
export { STOCK_CHANGED } from './ledger.ts';
export { RECEIPT_DOCUMENTS_COMPLETE, RECEIPT_MISSING_DOCUMENTS } from './receipt.ts';
export { balancesBefore, issueCosts, movementSums, purchaseSums, stockValues, type KindSum, type PurchaseSum } from './reporting.ts';
export type { MoveKind } from './ledger.ts';
