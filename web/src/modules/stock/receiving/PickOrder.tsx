import { InboxOutlined, ShopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { get } from '../../../api.ts';
import { t } from '../../../i18n.ts';
import { useOrderProgress } from '../../purchase/progress.ts';
import { orderStatusTag, type OrderRow } from '../../purchase/status.tsx';

interface Supplier { id: number; code: string; name: string; active: boolean }

/** Today, overdue or ahead, as a tag beside the delivery date. */
function when(date: string) {
  const days = dayjs(date).startOf('day').diff(dayjs().startOf('day'), 'day');
  if (days === 0) return <Tag color="green" style={{ fontSize: 16 }}>{t('今天送货', 'Due today')}</Tag>;
  if (days < 0) return <Tag color="orange" style={{ fontSize: 16 }}>{t(`已过送货日 ${-days} 天`, `${-days} days overdue`)}</Tag>;
  return <Tag style={{ fontSize: 16 }}>{t(`${days} 天后送货`, `Due in ${days} days`)}</Tag>;
}

/** The first screen of receiving: the orders still to come as big cards, or a delivery without an order. */
export function PickOrder({ canteenId, onOrder, onSupplier }: { canteenId: number; onOrder: (id: number) => void; onSupplier: (id: number) => void }) {
  const [orders, setOrders] = useState<OrderRow[] | null>(null);
  const [suppliers, setSuppliers] = useState<Supplier[]>([]);
  const [supplier, setSupplier] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setOrders(null);
    void get<OrderRow[]>(`/api/purchase-orders?canteenId=${canteenId}&open=1`).then((list) => {
      const today = dayjs().startOf('day');
      const distance = (o: OrderRow) => Math.abs(dayjs(o.deliveryDate).diff(today, 'day'));
      setOrders([...list].sort((a, b) => distance(a) - distance(b) || a.id - b.id));
    }).catch((e) => { setOrders([]); setError((e as Error).message); });
    void get<Supplier[]>('/api/suppliers').then((s) => setSuppliers(s.filter((x) => x.active))).catch(() => undefined);
  }, [canteenId]);
  const progress = useOrderProgress(orders ?? []);
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('送货到了？点它的采购单开始验收', 'A delivery is here? Tap its order to start')}</Typography.Title>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!orders && <Spin size="large" style={{ display: 'block', margin: 40 }} />}
      {orders && !orders.length && <Empty style={{ margin: 24 }} description={t('没有待收货的采购单', 'No orders waiting for delivery')} />}
      <Row gutter={[16, 16]}>
        {(orders ?? []).map((o) => {
          const p = progress.get(o.id);
          return (
            <Col key={o.id} xs={24} md={12} xxl={8}>
              <Card hoverable onClick={() => onOrder(o.id)} styles={{ body: { padding: 20 } }} aria-label={t(`验收 ${o.supplierName ?? ''} ${o.no}`, `Receive ${o.supplierName ?? ''} ${o.no}`)}>
                <div style={{ fontSize: 22, fontWeight: 600, marginBottom: 6 }}>{o.supplierName}</div>
                <Space wrap style={{ marginBottom: 8 }}>{when(o.deliveryDate)}{orderStatusTag(o.status)}</Space>
                <div style={{ color: '#666' }}>{o.no} · {t('送货日期', 'delivery')} {o.deliveryDate}</div>
                <div style={{ fontSize: 17, margin: '6px 0 12px' }}>
                  {p ? t(`共 ${p.lines} 种食材，还有 ${p.lines - p.done} 种未收`, `${p.lines} ingredients, ${p.lines - p.done} still to come`) : '\u00a0'}
                </div>
                <Button type="primary" size="large" block icon={<InboxOutlined />} style={{ height: 52, fontSize: 19 }}>{t('开始验收', 'Start receiving')}</Button>
              </Card>
            </Col>
          );
        })}
        <Col xs={24} md={12} xxl={8}>
          <Card styles={{ body: { padding: 20 } }} style={{ borderStyle: 'dashed' }}>
            <div style={{ fontSize: 22, fontWeight: 600, marginBottom: 6 }}><ShopOutlined /> {t('无单验收', 'No order')}</div>
            <div style={{ color: '#666', marginBottom: 12 }}>{t('没有采购单的送货：先选供应商，再逐样添加送来的食材。', 'A delivery without an order: choose the supplier, then add what came.')}</div>
            <Select size="large" showSearch={{ optionFilterProp: 'label' }} aria-label={t('供应商', 'Supplier')} placeholder={t('选择供应商', 'Choose the supplier')} value={supplier}
              onChange={setSupplier} style={{ width: '100%', marginBottom: 12 }} options={suppliers.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))} />
            <Button size="large" block disabled={!supplier} onClick={() => supplier && onSupplier(supplier)} style={{ height: 52, fontSize: 19 }}>{t('开始无单验收', 'Start')}</Button>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
