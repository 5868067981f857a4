import { FilePdfOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { get } from '../../api.ts';
import { t } from '../../i18n.ts';
import { unitLabel } from '../ingredient/shared.tsx';
import { yuanInWords } from '../requisition/RequisitionPrint.tsx';
import { nameOf } from '../stock/shared.tsx';
import { PrintSheet } from '../../shell/PrintSheet.tsx';
import { orderStatusLabel, pdfHref, type Order } from './status.tsx';

const money = (fen: number) => (fen / 100).toFixed(2);

/** The order as handed to the supplier or the delivery driver: what, how much, at what price, with an empty column to write what arrived. */
export function OrderPrint() {
  const { id } = useParams();
  const [order, setOrder] = useState<Order | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void get<Order>(`/api/purchase-orders/${id}`).then(setOrder).catch((e) => setError((e as Error).message));
  }, [id]);
  const lines = order?.lines ?? [];
  return (
    <PrintSheet title={order && `${t('采购单', 'Purchase order')} ${order.no}`} backTo={`/purchase-orders/${id}`} ready={!!order} error={error}
      tools={<Button size="large" icon={<FilePdfOutlined />} href={pdfHref(Number(id))} target="_blank">{t('下载 PDF', 'Download PDF')}</Button>}>
      {order && (
        <>
          <h1>{t('采购单', 'Purchase order')}</h1>
          <div className="ps-meta">
            <div>{t('采购单位', 'Buyer')}：{order.canteenName}</div>
            <div>{t('单号', 'Number')}：{order.no}</div>
            <div>{t('供应商', 'Supplier')}：{order.supplierName}{order.supplierCode ? `（${order.supplierCode}）` : ''}</div>
            <div>{t('送货日期', 'Delivery date')}：{order.deliveryDate}</div>
            <div>{t('制单日期', 'Made on')}：{dayjs(order.createdAt).format('YYYY-MM-DD')}</div>
            <div>{t('状态', 'Status')}：{orderStatusLabel(order.status)}</div>
          </div>
          <table>
            <thead>
              <tr>
                <th style={{ width: '7%' }}>{t('序号', 'No.')}</th>
                <th>{t('食材', 'Ingredient')}</th>
                <th style={{ width: '13%' }}>{t('数量', 'Qty')}</th>
                <th style={{ width: '13%' }}>{t('单价（元）', 'Unit price')}</th>
                <th style={{ width: '14%' }}>{t('金额（元）', 'Amount')}</th>
                <th style={{ width: '14%' }}>{t('实收', 'Received')}</th>
                <th style={{ width: '14%' }}>{t('备注', 'Note')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={l.id}>
                  <td className="num" style={{ textAlign: 'center' }}>{i + 1}</td>
                  <td>{nameOf(l)}</td>
                  <td className="num">{l.qty} {unitLabel(l.purchaseUnit)}</td>
                  <td className="num">{money(l.unitPriceFen)}/{unitLabel(l.purchaseUnit)}</td>
                  <td className="num">{money(l.amountFen)}</td>
                  <td />
                  <td />
                </tr>
              ))}
              <tr>
                <td colSpan={4} style={{ fontWeight: 600 }}>{t('合计', 'Total')}（{t('大写', 'in words')}：{yuanInWords(order.totalFen)}）</td>
                <td className="num" style={{ fontWeight: 600 }}>¥{money(order.totalFen)}</td>
                <td colSpan={2} />
              </tr>
            </tbody>
          </table>
          {order.note && <p style={{ marginTop: '4mm' }}>{t('说明', 'Note')}：{order.note}</p>}
          <div className="ps-sign">
            <div>{t('制单', 'Prepared by')}：{order.createdByName ?? ''}</div>
            <div>{t('供应商确认', 'Supplier')}：</div>
            <div>{t('验收', 'Received by')}：</div>
          </div>
        </>
      )}
    </PrintSheet>
  );
}
