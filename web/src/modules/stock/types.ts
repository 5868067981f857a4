/** Shapes of the stock API (server/src/modules/stock), as the pages read them. */

export interface StockRow {
  ingredientId: number; code: string; name: string; nameEn: string; category: string; purchaseUnit: string; gramsPerUnit: number;
  qtyG: number; valueFen: number; batches: number; firstBestBefore: string | null; expiredG: number; expiringG: number;
  minG: number | null; maxG: number | null; belowMin: boolean; aboveMax: boolean;
}

export interface Batch {
  id: number; orgId: number; ingredientId: number; docId: number; supplierId: number | null; receivedOn: string; bestBefore: string;
  inG: number; inFen: number; qtyG: number; valueFen: number; code?: string; name?: string; nameEn?: string; category?: string;
  supplierName: string | null; expired: boolean;
}

export interface DocRow {
  id: number; orgId: number; kind: string; no: string; businessDate: string; meal: string | null; purchaseOrderId: number | null; supplierId: number | null;
  counterpartOrgId: number | null; linkedDocId: number | null; reason: string; missingDocuments: string[]; totalFen: number; createdBy: number; createdAt: string;
  canteenName?: string; counterpartName: string | null; supplierName: string | null; createdByName: string | null;
}

interface Named { code?: string; name?: string; nameEn?: string; category?: string; purchaseUnit?: string; gramsPerUnit?: number }
export interface ReceiptLineView extends Named {
  id: number; ingredientId: number; orderLineId: number | null; deliveredG: number; acceptedG: number; decision: string; grade: string; reason: string;
  weighedBy: 'scale' | 'manual'; deviceCode: string | null; unitPriceFen: number; amountFen: number; batchId: number | null; bestBefore: string | null;
}
export interface MoveView extends Named {
  id: number; ingredientId: number; batchId: number; kind: string; qtyG: number; valueFen: number; bestBefore: string; receivedOn: string;
}
export interface AttachmentView { id: number; kind: string; filename: string; mime: string; size: number; uploadedAt: string }
export interface Doc extends DocRow {
  lines: ReceiptLineView[]; moves: MoveView[]; attachments: AttachmentView[]; replayed?: boolean;
}

export const attachmentHref = (docId: number, attachmentId: number) => `/api/stock/docs/${docId}/attachments/${attachmentId}`;
