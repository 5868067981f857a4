export { accountRoutes } from './routes.ts';
export { P as accountPermissions } from './permissions.ts';
export { accountByCard, accountFor, describe as describeAccounts, ownAccount, rosterFor, type AccountRow } from './accounts.ts';
export { pay, quotePayment, type PayInput, type PayResult } from './payment.ts';
export { billUnit, voidPayment, usePaymentGateway } from './money.ts';
export type { PaymentGateway, PaymentNotice } from './adapters/payment-gateway.ts';
export type { Balances, Meal } from './ledger.ts';
export { accountByPayCode, issuePayCode, PAY_CODE_SECONDS } from './pay-code.ts';
export { entrySums } from './ledger.ts';
