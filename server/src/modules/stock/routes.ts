import { z } from 'zod';
import { IdParams, route, type App } from '../../core/http.ts';
import { readUpload } from '../../core/upload.ts';
import { AttachmentFields, BatchOutInput, CountDecisionInput, CountInput, CountLinesInput, CountQuery, CountRejectInput, BatchQuery, DocQuery, IssueInput, ProposalQuery, ReceiptInput, RequiredDocumentsInput, StockQuery, TransferInput } from './contracts.ts';
import { createCount, decideCount, enterCounts, getCount, listCounts, submitCount } from './count.ts';
import { getDoc, listDocs } from './documents.ts';
import { postBatchOut, postIssue, postTransfer, proposeIssue, transferTargets } from './outbound.ts';
import { P } from './permissions.ts';
import { addAttachment, getAttachment, postReceipt, requiredDocuments, setRequiredDocuments } from './receipt.ts';
import { batchesOf, stockOnHand } from './service.ts';
import { inlineFile } from '../../core/inline-file.ts';

const tag = '库存 stock';

export function stockRoutes(app: App): void {
  const read = { permission: P['stock.stock.read'] };
  route(app, { method: 'get', path: '/api/stock', tag, summary: '库存 / stock on hand per ingredient', guard: read, query: StockQuery,
    handler: (ctx, { query }) => stockOnHand(ctx, query) });
  route(app, { method: 'get', path: '/api/stock/batches', tag, summary: '批次 / batches first-expiring-first', guard: read, query: BatchQuery,
    handler: (ctx, { query }) => batchesOf(ctx, query) });
  route(app, { method: 'get', path: '/api/stock/docs', tag, summary: '出入库单 / stock documents', guard: read, query: DocQuery,
    handler: (ctx, { query }) => listDocs(ctx, query) });
  route(app, { method: 'get', path: '/api/stock/docs/:id', tag, summary: '出入库单明细 / one document with its moves', guard: read, params: IdParams,
    handler: (ctx, { params }) => getDoc(ctx, params.id) });
  route(app, { method: 'post', path: '/api/stock/receipts', tag, summary: '验收入库 / post a goods receipt', guard: { permission: P['stock.receipt.write'] }, body: ReceiptInput, status: 201,
    handler: (ctx, { body }) => postReceipt(ctx, body) });
  route(app, { method: 'post', path: '/api/stock/receipts/:id/attachments', tag, summary: '上传照片或单据 / attach a photo or document', guard: { permission: P['stock.receipt.write'] }, params: IdParams, multipart: true, status: 201,
    handler: async (ctx, { params }, c) => {
      const up = await readUpload(c, AttachmentFields, ctx.lang);
      return addAttachment(ctx, params.id, up.fields.kind, up);
    } });
  route(app, { method: 'get', path: '/api/stock/docs/:id/attachments/:attachmentId', tag, summary: '下载附件 / download an attachment', guard: read,
    params: z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() }),
    handler: async (ctx, { params }) => {
      const a = await getAttachment(ctx, params.id, params.attachmentId);
      return inlineFile(a.data, a.mime, { maxAgeS: 3600, fileName: a.filename });
    } });
  route(app, { method: 'get', path: '/api/stock/issue-proposal', tag, summary: '按菜品计划建议领用 / proposed issue from the menu plan', guard: read, query: ProposalQuery,
    handler: (ctx, { query }) => proposeIssue(ctx, query) });
  route(app, { method: 'post', path: '/api/stock/issues', tag, summary: '领用出库 / issue to the kitchen (FEFO)', guard: { permission: P['stock.issue.write'] }, body: IssueInput, status: 201,
    handler: (ctx, { body }) => postIssue(ctx, body) });
  route(app, { method: 'get', path: '/api/stock/transfer-targets', tag, summary: '可调入的食堂 / canteens a transfer may go to', guard: { permission: P['stock.adjust.write'] },
    query: z.object({ canteenId: z.coerce.number().int().positive() }),
    handler: async (ctx, { query }) => transferTargets(ctx, query.canteenId) });
  route(app, { method: 'post', path: '/api/stock/transfers', tag, summary: '调拨 / transfer to another canteen', guard: { permission: P['stock.adjust.write'] }, body: TransferInput, status: 201,
    handler: (ctx, { body }) => postTransfer(ctx, body) });
  route(app, { method: 'post', path: '/api/stock/returns', tag, summary: '退货 / return batches to the supplier', guard: { permission: P['stock.adjust.write'] }, body: BatchOutInput, status: 201,
    handler: (ctx, { body }) => postBatchOut(ctx, 'return', body) });
  route(app, { method: 'post', path: '/api/stock/write-offs', tag, summary: '报损 / write off batches', guard: { permission: P['stock.adjust.write'] }, body: BatchOutInput, status: 201,
    handler: (ctx, { body }) => postBatchOut(ctx, 'write_off', body) });
  route(app, { method: 'get', path: '/api/stock/required-documents', tag, summary: '验收必备单据 / required receipt documents', guard: read,
    query: z.object({ orgId: z.coerce.number().int().positive() }),
    handler: async (ctx, { query }) => requiredDocuments(ctx, query.orgId) });
  route(app, { method: 'put', path: '/api/stock/required-documents', tag, summary: '设置验收必备单据 / set required receipt documents', guard: { permission: P['stock.settings.write'] }, body: RequiredDocumentsInput,
    handler: (ctx, { body }) => setRequiredDocuments(ctx, body.orgId, body.rules) });
  route(app, { method: 'get', path: '/api/stock/counts', tag, summary: '盘点表 / stock counts', guard: read, query: CountQuery,
    handler: (ctx, { query }) => listCounts(ctx, query) });
  route(app, { method: 'post', path: '/api/stock/counts', tag, summary: '新建盘点表 / open a count sheet for a store', guard: { permission: P['stock.count.write'] }, body: CountInput, status: 201,
    handler: (ctx, { body }) => createCount(ctx, body) });
  route(app, { method: 'get', path: '/api/stock/counts/:id', tag, summary: '盘点表明细 / one count with variances', guard: read, params: IdParams,
    handler: (ctx, { params }) => getCount(ctx, params.id) });
  route(app, { method: 'put', path: '/api/stock/counts/:id/lines', tag, summary: '录入实盘数 / enter counted quantities', guard: { permission: P['stock.count.write'] }, params: IdParams, body: CountLinesInput,
    handler: (ctx, { params, body }) => enterCounts(ctx, params.id, body.lines) });
  route(app, { method: 'post', path: '/api/stock/counts/:id/submit', tag, summary: '提交审核 / submit', guard: { permission: P['stock.count.write'] }, params: IdParams,
    handler: (ctx, { params }) => submitCount(ctx, params.id) });
  route(app, { method: 'post', path: '/api/stock/counts/:id/approve', tag, summary: '审核通过并调整库存 / approve and post the variances', guard: { permission: P['stock.count.approve'] }, params: IdParams, body: CountDecisionInput,
    handler: (ctx, { params, body }) => decideCount(ctx, params.id, true, body.comment) });
  route(app, { method: 'post', path: '/api/stock/counts/:id/reject', tag, summary: '退回重盘 / send back', guard: { permission: P['stock.count.approve'] }, params: IdParams, body: CountRejectInput,
    handler: (ctx, { params, body }) => decideCount(ctx, params.id, false, body.comment) });
}
