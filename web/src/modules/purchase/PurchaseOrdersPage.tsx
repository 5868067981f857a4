import { FileAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Modal, Progress, Radio, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router-dom';
import { ApiError, get, post, yuan } from '../../api.ts';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { DateInput, Plain } from '../ingredient/shared.tsx';
import { rangeText } from '../requisition/status.tsx';
import { useRequest } from '../stock/shared.tsx';
import { OrderDetail } from './OrderDetail.tsx';
import { OrderPrint } from './OrderPrint.tsx';
import { useOrderProgress } from './progress.ts';
import { isOpen, ORDER_STATUSES, orderStatusTag, type Order, type OrderRow } from './status.tsx';

/** /purchase-orders, /purchase-orders/:id, /purchase-orders/:id/print */
export function PurchaseOrdersPage() {
  return (
    <Plain>
      <Routes>
        <Route index element={<OrderList />} />
        <Route path=":id" element={<OrderDetail />} />
        <Route path=":id/print" element={<OrderPrint />} />
      </Routes>
    </Plain>
  );
}

/** 'todo' = every order still to be received (open, sent, partly received). */
type Filter = 'todo' | '' | (typeof ORDER_STATUSES)[number]['value'];

function OrderList() {
  const { can, canteenId, me } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [rows, setRows] = useState<OrderRow[]>([]);
  const [filter, setFilter] = useState<Filter>('todo');
  const [loading, setLoading] = useState(false);
  const [generating, setGenerating] = useState(false);
  const canteenName = me?.canteens.find((c) => c.id === canteenId)?.name;
  const load = async () => {
    setLoading(true);
    try {
      const q = new URLSearchParams();
      if (canteenId) q.set('canteenId', String(canteenId));
      if (filter === 'todo') q.set('open', '1');
      else if (filter) q.set('status', filter);
      setRows(await get<OrderRow[]>(`/api/purchase-orders?${q}`));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { void load(); }, [canteenId, filter]);
  const progress = useOrderProgress(rows);
  const writer = can('purchase.order.write');
  const receiver = can('stock.receipt.write');
  return (
    <Card title={t(`采购单${canteenName ? ` · ${canteenName}` : ''}`, `Purchase orders${canteenName ? ` · ${canteenName}` : ''}`)}
      extra={writer && canteenId && (
        <Button type="primary" size="large" icon={<FileAddOutlined />} onClick={() => setGenerating(true)}>{t('从请购单生成', 'From a requisition')}</Button>
      )}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('显示', 'Show')}</Typography.Text>
        <Segmented<Filter> value={filter} onChange={setFilter} options={[
          { value: 'todo', label: t('待收货', 'To receive') },
          { value: '', label: t('全部', 'All') },
          ...ORDER_STATUSES.map((s) => ({ value: s.value, label: t(s.zh, s.en) })),
        ]} />
      </Space>
      <Table<OrderRow> rowKey="id" loading={loading} dataSource={rows} pagination={{ pageSize: 30, showSizeChanger: false }} scroll={{ x: 1000 }}
        onRow={(r) => ({ onDoubleClick: () => navigate(String(r.id)) })}
        locale={{ emptyText: <Empty description={filter === 'todo' ? t('没有待收货的采购单', 'No orders waiting for delivery') : t('没有采购单', 'No orders')} /> }}
        columns={[
          { title: t('供应商 / 单号', 'Supplier / number'), render: (_, r) => (
            <div><Typography.Text strong>{r.supplierName}</Typography.Text><div><Link to={String(r.id)}>{r.no}</Link></div></div>
          ) },
          { title: t('送货日期', 'Delivery'), dataIndex: 'deliveryDate', width: 120 },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 110, render: orderStatusTag },
          { title: t('收货进度', 'Received'), width: 200, render: (_, r) => {
            const p = progress.get(r.id);
            if (!p) return r.status === 'received' ? <Typography.Text type="success">{t('已收齐', 'Complete')}</Typography.Text> : isOpen(r.status) ? <Spin size="small" /> : '—';
            return (
              <div>
                <Progress percent={p.orderedG ? Math.min(100, Math.round((p.receivedG / p.orderedG) * 100)) : 0} size="small" />
                <Typography.Text type={p.done < p.lines ? 'danger' : 'success'} style={{ fontSize: 14 }}>
                  {t(`未收 ${p.lines - p.done} 种，共 ${p.lines} 种`, `${p.lines - p.done} of ${p.lines} still to come`)}
                </Typography.Text>
              </div>
            );
          } },
          { title: t('金额', 'Amount'), dataIndex: 'totalFen', align: 'right', width: 130, render: (v) => yuan(Number(v)) },
          { title: '', width: 190, render: (_, r) => (
            <Space>
              <Button onClick={() => navigate(String(r.id))}>{t('查看', 'Open')}</Button>
              {receiver && isOpen(r.status) && <Button type="primary" onClick={() => navigate(`/receiving?order=${r.id}`)}>{t('验收', 'Receive')}</Button>}
            </Space>
          ) },
        ]} />
      {generating && canteenId && <FromRequisitionModal canteenId={canteenId} onClose={() => setGenerating(false)} onCreated={() => { setGenerating(false); setFilter('todo'); void load(); }} />}
    </Card>
  );
}

interface RequisitionRow { id: number; no: string; dateFrom: string; dateTo: string; status: string; totalFen: number; lines: number; createdByName: string | null; decidedAt: string | null }

/** Picks an approved requisition and splits it into one order per supplier. */
function FromRequisitionModal({ canteenId, onClose, onCreated }: { canteenId: number; onClose: () => void; onCreated: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [reqs, setReqs] = useState<RequisitionRow[] | null>(null);
  const [ordered, setOrdered] = useState<Set<number>>(new Set());
  const [chosen, setChosen] = useState<number | null>(null);
  const [delivery, setDelivery] = useState<Dayjs | null>(null);
  const request = useRequest();
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    void Promise.all([
      get<RequisitionRow[]>(`/api/requisitions?canteenId=${canteenId}&status=approved`),
      get<OrderRow[]>(`/api/purchase-orders?canteenId=${canteenId}`),
    ]).then(([r, o]) => {
      const done = new Set(o.map((x) => x.requisitionId).filter((x): x is number => x != null));
      setReqs(r);
      setOrdered(done);
      setChosen(r.find((x) => !done.has(x.id))?.id ?? null);
    }).catch((e) => { setReqs([]); setLoadError((e as Error).message); });
  }, [canteenId]);
  const req = reqs?.find((r) => r.id === chosen);
  const submit = async () => {
    if (!chosen) return;
    const orders = await request.run(() => post<Order[]>('/api/purchase-orders/from-requisition', { requisitionId: chosen, ...(delivery ? { deliveryDate: delivery.format('YYYY-MM-DD') } : {}) }));
    if (!orders) return;
    message.success(t(`已生成 ${orders.length} 张采购单（每个供应商一张）`, `${orders.length} orders made, one per supplier`));
    onCreated();
  };
  // Already ordered: the server names the orders, offered as buttons.
  const e = request.error;
  const existing = e instanceof ApiError && e.code === 'requisition_ordered' ? ((e.details as { orders?: { id: number; no: string }[] })?.orders ?? []) : [];
  return (
    <Modal open width={720} title={t('从请购单生成采购单', 'Orders from a requisition')} onCancel={onClose}
      footer={<Space><Button onClick={onClose}>{t('取消', 'Cancel')}</Button><Button type="primary" loading={request.busy} disabled={!chosen || ordered.has(chosen)} onClick={submit}>{t('生成采购单', 'Make the orders')}</Button></Space>}>
      <Typography.Paragraph type="secondary">
        {t('选一张已审核通过的请购单。系统按供应商拆分，每个供应商生成一张采购单，数量和单价照请购单。', 'Choose an approved requisition. It is split by supplier into one order each, with the requisition\'s quantities and prices.')}
      </Typography.Paragraph>
      {loadError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={loadError} />}
      {request.errorText && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={request.errorText}
          description={existing.length > 0 && <Space wrap>{existing.map((o) => <Button key={o.id} size="small" onClick={() => navigate(`/purchase-orders/${o.id}`)}>{t('打开', 'Open')} {o.no}</Button>)}</Space>} />
      )}
      {reqs && !reqs.length && <Empty description={t('没有已审核通过的请购单', 'No approved requisitions')} />}
      <Radio.Group value={chosen} onChange={(ev) => { setChosen(ev.target.value as number); request.clearError(); }} style={{ display: 'flex', flexDirection: 'column', gap: 8, width: '100%' }}>
        {(reqs ?? []).map((r) => (
          <Radio key={r.id} value={r.id} disabled={ordered.has(r.id)} style={{ padding: '10px 12px', border: '1px solid #e5e5e5', borderRadius: 8, width: '100%' }}>
            <Space wrap size="middle">
              <Typography.Text strong>{r.no}</Typography.Text>
              <span>{t('用料', 'For')} {rangeText(r.dateFrom, r.dateTo)}</span>
              <span>{t(`${r.lines} 种食材`, `${r.lines} ingredients`)}</span>
              <span>{yuan(r.totalFen)}</span>
              {ordered.has(r.id) && <Tag color="success">{t('已生成采购单', 'Already ordered')}</Tag>}
            </Space>
          </Radio>
        ))}
      </Radio.Group>
      {req && (
        <Form layout="vertical" style={{ marginTop: 16 }}>
          <Form.Item label={t('送货日期', 'Delivery date')} extra={t(`不填则为用料首日 ${req.dateFrom}`, `Left empty: the first day of use, ${req.dateFrom}`)}>
            <DateInput value={delivery} onChange={(d) => setDelivery(Array.isArray(d) ? null : d)} style={{ width: 240 }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
