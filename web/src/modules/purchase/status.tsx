import { labelOf, tagOf } from '../../shell/labels.tsx';

export const ORDER_STATUSES = [
  { value: 'open', zh: '未发送', en: 'Not sent', color: 'default' },
  { value: 'sent', zh: '已发送', en: 'Sent', color: 'processing' },
  { value: 'partial', zh: '部分到货', en: 'Partly received', color: 'warning' },
  { value: 'received', zh: '已收齐', en: 'Received', color: 'success' },
  { value: 'closed', zh: '已关闭', en: 'Closed', color: 'default' },
  { value: 'cancelled', zh: '已取消', en: 'Cancelled', color: 'error' },
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number]['value'];

/** Orders that can still be sent, received against or closed. */
export const isOpen = (s: string) => s === 'open' || s === 'sent' || s === 'partial';

export const orderStatusLabel = (v: string) => labelOf(ORDER_STATUSES, v);
export const orderStatusTag = (v: string) => tagOf(ORDER_STATUSES, v);

export interface OrderLine {
  id: number; orderId: number; ingredientId: number; purchaseUnit: string; gramsPerUnit: number; qty: number; unitPriceFen: number; amountFen: number;
  receivedG: number; receivedFen: number; code?: string; name?: string; nameEn?: string; category?: string; orderedG: number; openG: number;
}
export interface OrderRow {
  id: number; orgId: number; no: string; requisitionId: number | null; supplierId: number; status: OrderStatus; deliveryDate: string; totalFen: number; note: string;
  createdBy: number; createdAt: string; sentAt: string | null; sentVia: string | null; sentRef: string | null; canteenName?: string; supplierName: string | null;
}
export interface Order extends OrderRow { canteenCode?: string; supplierCode: string | null; createdByName: string | null; lines: OrderLine[] }

/** The server's rule: a line within 2 % short of its order counts as received. */
export const RECEIVED_TOLERANCE = 0.98;
export const lineDone = (l: OrderLine) => l.receivedG >= l.orderedG * RECEIVED_TOLERANCE;
/** Lines still to deliver, in the order's words. */
export const openLines = (o: Order) => o.lines.filter((l) => !lineDone(l));

export const pdfHref = (id: number) => `/api/purchase-orders/${id}/pdf`;
