import { ArrowLeftOutlined, CloseCircleOutlined, FilePdfOutlined, InboxOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Modal, Progress, Radio, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { get, post, yuan } from '../../api.ts';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { categoryLabel, dateTime, unitLabel } from '../ingredient/shared.tsx';
import { ReasonPicker } from '../stock/ReasonPicker.tsx';
import { kg3, nameOf, PostingError, useRequest } from '../stock/shared.tsx';
import { isOpen, lineDone, openLines, orderStatusTag, pdfHref, type Order, type OrderLine } from './status.tsx';

interface Channel { key: string; zh: string; en: string }

const CLOSE_REASONS = [
  { zh: '供应商缺货', en: 'Supplier out of stock' },
  { zh: '余量不再送货', en: 'The rest will not be delivered' },
  { zh: '菜单计划变更', en: 'Menu plan changed' },
  { zh: '改向其他供应商采购', en: 'Ordered from another supplier' },
];

export function OrderDetail() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const [order, setOrder] = useState<Order | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'send' | 'close' | null>(null);
  useEffect(() => {
    void get<Order>(`/api/purchase-orders/${id}`).then(setOrder).catch((e) => setLoadError((e as Error).message));
  }, [id]);

  if (loadError) return <Alert type="error" showIcon title={loadError} action={<Button onClick={() => navigate('/purchase-orders')}>{t('返回列表', 'Back to the list')}</Button>} />;
  if (!order) return <Spin size="large" style={{ display: 'block', marginTop: 80 }} />;

  const writer = can('purchase.order.write');
  const receiver = can('stock.receipt.write');
  const open = isOpen(order.status);
  const waiting = openLines(order).length;
  const nothingYet = order.lines.every((l) => l.receivedG === 0);
  const hint = {
    open: t('下一步：点「发送」把采购单交给供应商，或「打印」后交给送货人。', 'Next: send the order to the supplier, or print it for the driver.'),
    sent: t('已发送，等待供应商送货。货到后在「验收入库」页过秤验收。', 'Sent; waiting for the delivery. When it comes, weigh it on the receiving page.'),
    partial: t(`部分到货，还有 ${waiting} 种食材未收齐。余下的不再送时，点「关闭」。`, `Partly received; ${waiting} ingredients are still to come. If the rest will not come, close the order.`),
    received: t('已全部收齐。', 'Everything has been received.'),
    closed: t(`已关闭：${order.note}`, `Closed: ${order.note}`),
    cancelled: t(`已取消：${order.note}`, `Cancelled: ${order.note}`),
  }[order.status];

  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/purchase-orders')}>{t('返回列表', 'Back to the list')}</Button>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('采购单', 'Purchase order')} {order.no}</Typography.Title>
        {orderStatusTag(order.status)}
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} items={[
          { key: 's', label: t('供应商', 'Supplier'), children: <Typography.Text strong>{order.supplierName}</Typography.Text> },
          { key: 'd', label: t('送货日期', 'Delivery date'), children: order.deliveryDate },
          { key: 'a', label: t('金额', 'Amount'), children: <Typography.Text strong style={{ fontSize: 18 }}>{yuan(order.totalFen)}</Typography.Text> },
          { key: 'c', label: t('食堂', 'Canteen'), children: order.canteenName },
          { key: 'r', label: t('请购单', 'Requisition'), children: order.requisitionId ? (can('requisition.requisition.read') ? <Link to={`/requisitions/${order.requisitionId}`}>{t('查看请购单', 'Open the requisition')}</Link> : `#${order.requisitionId}`) : '—' },
          { key: 'b', label: t('制单', 'Made by'), children: `${order.createdByName ?? ''} ${dateTime(order.createdAt)}` },
          ...(order.sentAt ? [{ key: 'sent', label: t('发送', 'Sent'), children: dateTime(order.sentAt) }] : []),
        ]} />
        <Alert type={order.status === 'cancelled' ? 'error' : order.status === 'received' ? 'success' : 'info'} showIcon title={hint} style={{ marginTop: 8 }} />
        <Space wrap size="middle" style={{ marginTop: 16 }}>
          {writer && (order.status === 'open' || order.status === 'sent') && (
            <Button size="large" type={order.status === 'open' ? 'primary' : 'default'} icon={<SendOutlined />} onClick={() => setDialog('send')}>
              {order.status === 'open' ? t('发送', 'Send') : t('再次发送', 'Send again')}
            </Button>
          )}
          {receiver && open && <Button size="large" type={order.status === 'open' ? 'default' : 'primary'} icon={<InboxOutlined />} onClick={() => navigate(`/receiving?order=${order.id}`)}>{t('去验收', 'Receive')}</Button>}
          <Button size="large" icon={<PrinterOutlined />} onClick={() => navigate('print')}>{t('打印', 'Print')}</Button>
          <Button size="large" icon={<FilePdfOutlined />} href={pdfHref(order.id)} target="_blank">{t('下载 PDF', 'Download PDF')}</Button>
          {writer && open && (
            <Button size="large" danger icon={<CloseCircleOutlined />} onClick={() => setDialog('close')}>{nothingYet ? t('取消采购单', 'Cancel order') : t('关闭', 'Close')}</Button>
          )}
        </Space>
      </Card>
      <Card title={t('采购明细', 'Lines')}>
        <LinesTable order={order} />
      </Card>
      {dialog === 'send' && <SendModal order={order} onClose={() => setDialog(null)} onDone={(o) => { setOrder(o); setDialog(null); }} />}
      {dialog === 'close' && <CloseModal order={order} cancel={nothingYet} onClose={() => setDialog(null)} onDone={(o) => { setOrder(o); setDialog(null); }} />}
    </div>
  );
}

function LinesTable({ order }: { order: Order }) {
  const open = isOpen(order.status);
  return (
    <Table<OrderLine> rowKey="id" dataSource={order.lines} pagination={false} size="middle" scroll={{ x: 1000 }}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={4}><Typography.Text strong>{t('合计', 'Total')}</Typography.Text></Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right"><Typography.Text strong style={{ fontSize: 17 }}>{yuan(order.totalFen)}</Typography.Text></Table.Summary.Cell>
          <Table.Summary.Cell index={5} colSpan={3} />
        </Table.Summary.Row>
      )}
      columns={[
        { title: t('食材', 'Ingredient'), width: 170, fixed: 'left', render: (_, l) => (
          <div>{nameOf(l)}<div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{categoryLabel(l.category)} · {l.code}</Typography.Text></div></div>
        ) },
        { title: t('订购数量', 'Ordered'), width: 150, align: 'right', render: (_, l) => (
          <div>{l.qty} {unitLabel(l.purchaseUnit)}{l.purchaseUnit !== 'kg' && <div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{kg3(l.orderedG)}</Typography.Text></div>}</div>
        ) },
        { title: t('单价', 'Unit price'), width: 120, align: 'right', render: (_, l) => `${yuan(l.unitPriceFen)}/${unitLabel(l.purchaseUnit)}` },
        { title: t('金额', 'Amount'), dataIndex: 'amountFen', width: 120, align: 'right', render: (v) => yuan(v) },
        { title: t('已收', 'Received'), dataIndex: 'receivedG', width: 130, align: 'right', render: (v) => kg3(v) },
        { title: t('未收', 'Still to come'), width: 130, align: 'right', render: (_, l) => (
          lineDone(l) ? <Typography.Text type="success">{t('已收齐', 'Complete')}</Typography.Text>
            : <Typography.Text type={order.status === 'partial' ? 'danger' : open ? undefined : 'secondary'} strong={open}>{kg3(l.openG)}</Typography.Text>
        ) },
        { title: t('进度', 'Progress'), width: 150, render: (_, l) => <Progress percent={Math.min(100, Math.round((l.receivedG / l.orderedG) * 100))} size="small" status={lineDone(l) ? 'success' : 'normal'} /> },
      ]} />
  );
}

function SendModal({ order, onClose, onDone }: { order: Order; onClose: () => void; onDone: (o: Order) => void }) {
  const { message } = App.useApp();
  const [channels, setChannels] = useState<Channel[]>([]);
  const [channel, setChannel] = useState<string>('');
  const request = useRequest();
  useEffect(() => {
    void request.run(() => get<Channel[]>('/api/purchase-orders/channels').then((c) => { setChannels(c); setChannel((cur) => cur || c[0]?.key || ''); }));
  }, []);
  const send = async () => {
    const o = await request.run(() => post<Order>(`/api/purchase-orders/${order.id}/send`, { channel }));
    if (!o) return;
    message.success(t(`已发送给 ${order.supplierName ?? ''}`, `Sent to ${order.supplierName ?? ''}`));
    onDone(o);
  };
  return (
    <Modal open title={t('发送采购单', 'Send the order')} onCancel={onClose} width={560}
      footer={<Space><Button onClick={onClose}>{t('取消', 'Cancel')}</Button><Button type="primary" loading={request.busy} disabled={!channel} onClick={send}>{t('确认发送', 'Send')}</Button></Space>}>
      <Typography.Paragraph>{t(`把采购单 ${order.no} 发给 ${order.supplierName ?? ''}。选择发送方式：`, `Send order ${order.no} to ${order.supplierName ?? ''}. Choose how:`)}</Typography.Paragraph>
      <PostingError text={request.errorText} onClose={request.clearError} />
      <Radio.Group value={channel} onChange={(e) => setChannel(e.target.value as string)} style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        {channels.map((c) => <Radio key={c.key} value={c.key} style={{ fontSize: 17 }}>{t(c.zh, c.en)}</Radio>)}
      </Radio.Group>
      {channel === 'print' && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('纸质方式：请另外点「打印」或「下载 PDF」交给供应商；这里记下已经发出。', 'On paper: print it or download the PDF for the supplier; this records that it went.')}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}

function CloseModal({ order, cancel, onClose, onDone }: { order: Order; cancel: boolean; onClose: () => void; onDone: (o: Order) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const request = useRequest();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const o = await request.run(() => post<Order>(`/api/purchase-orders/${order.id}/close`, { reason: v.reason }));
    if (!o) return;
    message.success(cancel ? t('采购单已取消', 'Order cancelled') : t('采购单已关闭', 'Order closed'));
    onDone(o);
  };
  return (
    <Modal open title={cancel ? t('取消采购单', 'Cancel the order') : t('关闭采购单', 'Close the order')} onCancel={onClose} width={600}
      footer={<Space><Button onClick={onClose}>{t('返回', 'Back')}</Button><Button danger type="primary" loading={request.busy} onClick={submit}>{cancel ? t('确认取消', 'Cancel the order') : t('确认关闭', 'Close the order')}</Button></Space>}>
      <Typography.Paragraph>
        {cancel ? t('这张采购单还没有收过货。取消后不能再按它验收。', 'Nothing has been received against this order. Once cancelled, nothing can be received against it.')
          : t('关闭后，未收的部分不再等待，也不能再按这张单验收。', 'Once closed, what is still open is no longer expected and nothing more can be received against it.')}
      </Typography.Paragraph>
      <PostingError text={request.errorText} onClose={request.clearError} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('原因', 'Reason')} rules={[{ required: true, whitespace: true, message: t('请写明原因', 'Give a reason') }]}>
          <ReasonPicker reasons={CLOSE_REASONS} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
