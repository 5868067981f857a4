import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Select, Space, Spin, Switch, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { get, yuan } from '../../api.ts';
import { mealLabel, t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { dateTime, Plain } from '../ingredient/shared.tsx';
import { AttachmentList, MissingDocuments, ReceiptAttachments } from './Attachments.tsx';
import { decisionTag, DOC_KINDS, docKindLabel, docKindTag, gradeLabel, kg3, moveKindLabel, nameOf } from './shared.tsx';
import type { Doc, DocRow, MoveView, ReceiptLineView } from './types.ts';

/** Who or where the goods came from or went to. */
const counterpart = (d: DocRow) => d.supplierName ?? d.counterpartName ?? (d.meal ? mealLabel(d.meal) : '—');

/** /stock/docs: every posting that moved stock, with a drawer for one document. ?doc=<id> opens it. */
export function StockDocsPage() {
  const { canteenId, me } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [rows, setRows] = useState<DocRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [kind, setKind] = useState<string | null>(null);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(30, 'day'), dayjs()]);
  const [missingOnly, setMissingOnly] = useState(false);
  const open = Number(params.get('doc')) || null;
  const canteenName = me?.canteens.find((c) => c.id === canteenId)?.name;

  const load = async () => {
    setLoading(true);
    try {
      const q = new URLSearchParams({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') });
      if (canteenId) q.set('canteenId', String(canteenId));
      if (kind) q.set('kind', kind);
      if (missingOnly) q.set('missingDocuments', '1');
      setRows(await get<DocRow[]>(`/api/stock/docs?${q}`));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { void load(); }, [canteenId, kind, range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'), missingOnly]);
  const show = (id: number | null) => setParams(id ? { doc: String(id) } : {});

  return (
    <Plain>
      <Card title={t(`出入库记录${canteenName ? ` · ${canteenName}` : ''}`, `Stock documents${canteenName ? ` · ${canteenName}` : ''}`)}
        extra={<Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/stock')}>{t('返回库存', 'Back to stock')}</Button>}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, marginBottom: 16, alignItems: 'center' }}>
          <Select allowClear aria-label={t('单据类型', 'Kind')} placeholder={t('全部类型', 'All kinds')} value={kind} onChange={setKind} style={{ width: 170 }}
            options={DOC_KINDS.map((k) => ({ value: k.value, label: t(k.zh, k.en) }))} />
          <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            presets={[
              { label: t('今天', 'Today'), value: [dayjs(), dayjs()] },
              { label: t('最近 7 天', 'Last 7 days'), value: [dayjs().subtract(6, 'day'), dayjs()] },
              { label: t('本月', 'This month'), value: [dayjs().startOf('month'), dayjs()] },
              { label: t('最近 30 天', 'Last 30 days'), value: [dayjs().subtract(30, 'day'), dayjs()] },
            ]} />
          <Space>
            <Switch checked={missingOnly} onChange={setMissingOnly} aria-label={t('只看缺单据的验收', 'Only receipts missing documents')} />
            <Typography.Text>{t('只看缺单据的验收', 'Only receipts missing documents')}</Typography.Text>
          </Space>
        </div>
        <Table<DocRow> rowKey="id" loading={loading} dataSource={rows} pagination={{ pageSize: 30, showSizeChanger: false }} scroll={{ x: 1080 }}
          onRow={(r) => ({ onClick: () => show(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('单号', 'Number'), dataIndex: 'no', width: 210, render: (v) => <Typography.Link style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Link> },
            { title: t('类型', 'Kind'), dataIndex: 'kind', width: 130, render: docKindTag },
            { title: t('日期', 'Date'), dataIndex: 'businessDate', width: 115 },
            { title: t('供应商 / 去向', 'From / to'), width: 220, render: (_, r) => counterpart(r) },
            { title: t('金额', 'Amount'), dataIndex: 'totalFen', width: 130, align: 'right', render: (v) => yuan(v) },
            { title: t('经办人', 'By'), dataIndex: 'createdByName', width: 100 },
            { title: t('单据', 'Documents'), render: (_, r) => (r.kind === 'receipt' ? <MissingDocuments missing={r.missingDocuments} /> : null) },
          ]} />
      </Card>
      {open && <DocDrawer id={open} onClose={() => show(null)} onChanged={() => void load()} />}
    </Plain>
  );
}

/** One stock document: header, what was received (receipts), the moves by batch, photos and documents. */
export function DocDrawer({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged?: () => void }) {
  const { can } = useSession();
  const [doc, setDoc] = useState<Doc | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDoc(null);
    void get<Doc>(`/api/stock/docs/${id}`).then(setDoc).catch((e) => setError((e as Error).message));
  }, [id]);
  return (
    <Drawer open size={860} onClose={onClose} title={doc ? <Space>{docKindTag(doc.kind)}<span>{doc.no}</span></Space> : t('出入库单', 'Stock document')}>
      {error && <Alert type="error" showIcon title={error} />}
      {!doc && !error && <Spin size="large" style={{ display: 'block', marginTop: 60 }} />}
      {doc && (
        <>
          <Descriptions column={2} size="small" style={{ marginBottom: 16 }} items={[
            { key: 'k', label: t('类型', 'Kind'), children: docKindLabel(doc.kind) },
            { key: 'd', label: t('日期', 'Date'), children: doc.businessDate + (doc.meal ? ` ${mealLabel(doc.meal)}` : '') },
            ...(doc.supplierName ? [{ key: 's', label: t('供应商', 'Supplier'), children: doc.supplierName }] : []),
            ...(doc.counterpartName ? [{ key: 'c', label: doc.kind === 'transfer_in' ? t('调出食堂', 'From') : t('调入食堂', 'To'), children: doc.counterpartName }] : []),
            ...(doc.purchaseOrderId ? [{ key: 'o', label: t('采购单', 'Order'), children: <Link to={`/purchase-orders/${doc.purchaseOrderId}`}>{t('查看采购单', 'Open the order')}</Link> }] : []),
            { key: 'a', label: t('金额', 'Amount'), children: <Typography.Text strong>{yuan(doc.totalFen)}</Typography.Text> },
            { key: 'b', label: t('经办人', 'By'), children: `${doc.createdByName ?? ''} ${dateTime(doc.createdAt)}` },
            ...(doc.reason ? [{ key: 'r', label: t('原因 / 备注', 'Reason'), children: doc.reason }] : []),
          ]} />
          {doc.kind === 'receipt' && <ReceiptLines lines={doc.lines} />}
          <Typography.Title level={5}>{t('库存变动（按批次）', 'Stock moves by batch')}</Typography.Title>
          <Table<MoveView> rowKey="id" size="small" dataSource={doc.moves} pagination={false} style={{ marginBottom: 20 }}
            locale={{ emptyText: t('没有库存变动（全部拒收）', 'No stock moved (all rejected)') }}
            columns={[
              { title: t('食材', 'Ingredient'), render: (_, m) => nameOf(m) },
              { title: t('变动', 'Move'), dataIndex: 'kind', width: 100, render: moveKindLabel },
              { title: t('批次', 'Batch'), width: 160, render: (_, m) => <span>#{m.batchId} <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('保质期至', 'best before')} {m.bestBefore}</Typography.Text></span> },
              { title: t('数量', 'Qty'), dataIndex: 'qtyG', width: 130, align: 'right', render: (v: number) => <Typography.Text type={v < 0 ? 'danger' : 'success'}>{v > 0 ? '+' : ''}{kg3(v)}</Typography.Text> },
              { title: t('金额', 'Amount'), dataIndex: 'valueFen', width: 110, align: 'right', render: (v) => yuan(v) },
            ]} />
          {doc.kind === 'receipt' && (
            <>
              <Typography.Title level={5}>{t('照片与单据', 'Photos and documents')}</Typography.Title>
              <ReceiptAttachments doc={doc} writable={can('stock.receipt.write')} onChange={(d) => { setDoc(d); onChanged?.(); }} />
            </>
          )}
          {doc.kind !== 'receipt' && doc.attachments.length > 0 && <AttachmentList docId={doc.id} files={doc.attachments} />}
        </>
      )}
    </Drawer>
  );
}

function ReceiptLines({ lines }: { lines: ReceiptLineView[] }) {
  return (
    <>
      <Typography.Title level={5}>{t('验收明细', 'What was received')}</Typography.Title>
      <Table<ReceiptLineView> rowKey="id" size="small" dataSource={lines} pagination={false} style={{ marginBottom: 20 }} scroll={{ x: 760 }}
        columns={[
          { title: t('食材', 'Ingredient'), render: (_, l) => nameOf(l) },
          { title: t('到货', 'Delivered'), dataIndex: 'deliveredG', width: 115, align: 'right', render: (v) => kg3(v) },
          { title: t('验收', 'Accepted'), dataIndex: 'acceptedG', width: 115, align: 'right', render: (v) => kg3(v) },
          { title: t('结论', 'Decision'), dataIndex: 'decision', width: 100, render: decisionTag },
          { title: t('质量', 'Grade'), dataIndex: 'grade', width: 70, render: gradeLabel },
          { title: t('称重', 'Weighed'), width: 150, render: (_, l) => (l.weighedBy === 'scale' ? `${t('验收秤', 'Scale')} ${l.deviceCode ?? ''}` : t('手工录入', 'Typed')) },
          { title: t('原因', 'Reason'), dataIndex: 'reason', ellipsis: true },
        ]} />
    </>
  );
}
