import { Button, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { get, yuan } from '../../api.ts';
import { t } from '../../i18n.ts';
import { kg3 } from './shared.tsx';
import type { Batch } from './types.ts';

/** Days before best-before at which stock counts as expiring soon (the server's EXPIRY_WARNING_DAYS). */
export const EXPIRY_WARNING_DAYS = 2;

/** A best-before date with 已过期 / 临期 beside it; `plain`: the date alone, red or orange, where a tag says it already. */
export function BestBefore({ date, plain }: { date: string | null; plain?: boolean }) {
  if (!date) return <>—</>;
  const days = dayjs(date).startOf('day').diff(dayjs().startOf('day'), 'day');
  if (plain) return <span style={{ color: days < 0 ? '#cf1322' : days <= EXPIRY_WARNING_DAYS ? '#d46b08' : undefined }}>{date}</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {date}
      {days < 0 ? <Tag color="error" style={{ marginLeft: 6 }}>{t('已过期', 'Expired')}</Tag>
        : days <= EXPIRY_WARNING_DAYS ? <Tag color="warning" style={{ marginLeft: 6 }}>{days === 0 ? t('今天到期', 'Today') : t(`${days} 天后到期`, `${days} d left`)}</Tag> : null}
    </span>
  );
}

/** The batches of one ingredient, first-expiring-first (the order issues take them in). */
export function BatchTable({ canteenId, ingredientId, onReturn, onWriteOff }: {
  canteenId: number;
  ingredientId: number;
  onReturn?: (b: Batch) => void;
  onWriteOff?: (b: Batch) => void;
}) {
  const [rows, setRows] = useState<Batch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void get<Batch[]>(`/api/stock/batches?canteenId=${canteenId}&ingredientId=${ingredientId}`).then(setRows).catch((e) => setError((e as Error).message));
  }, [canteenId, ingredientId]);
  if (error) return <Typography.Text type="danger">{error}</Typography.Text>;
  return (
    <Table<Batch> rowKey="id" size="small" loading={!rows} dataSource={rows ?? []} pagination={false}
      title={() => <Typography.Text type="secondary">{t('按到期先后排列：领用时先出排在上面的批次', 'Earliest best-before first: issues take the top batches first')}</Typography.Text>}
      columns={[
        { title: t('顺序', 'Order'), width: 70, render: (_, __, i) => i + 1 },
        { title: t('保质期至', 'Best before'), width: 190, render: (_, b) => <BestBefore date={b.bestBefore} /> },
        { title: t('到货日期', 'Received'), dataIndex: 'receivedOn', width: 120 },
        { title: t('供应商', 'Supplier'), dataIndex: 'supplierName', render: (v) => v ?? '—' },
        { title: t('入库', 'In'), dataIndex: 'inG', width: 130, align: 'right', render: (v) => kg3(v) },
        { title: t('剩余', 'Left'), dataIndex: 'qtyG', width: 130, align: 'right', render: (v) => <Typography.Text strong>{kg3(v)}</Typography.Text> },
        { title: t('剩余金额', 'Value left'), dataIndex: 'valueFen', width: 120, align: 'right', render: (v) => yuan(v) },
        ...(onReturn || onWriteOff ? [{ title: '', width: 170, render: (_: unknown, b: Batch) => (
          <Space>
            {onReturn && b.supplierId && <Button size="small" onClick={() => onReturn(b)}>{t('退货', 'Return')}</Button>}
            {onWriteOff && <Button size="small" danger onClick={() => onWriteOff(b)}>{t('报损', 'Write off')}</Button>}
          </Space>
        ) }] : []),
      ]} />
  );
}
