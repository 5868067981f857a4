import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Grid, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { get } from '../../api.ts';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { dateTime } from '../ingredient/shared.tsx';
import { CountEntry } from './CountEntry.tsx';
import { countStatusOf, storeLabel, wasSentBack, type BatchValue, type CountSheet } from './CountModel.ts';
import { countPeople, CountReview } from './CountReview.tsx';

/** One count sheet: entry while it is open (storekeeper), the differences and the decision once submitted. */
export function CountSheetView({ id, base }: { id: number; base: string }) {
  useLang();
  const { can, me } = useSession();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().sm;
  const [sheet, setSheet] = useState<CountSheet | null>(null);
  const [batches, setBatches] = useState<Map<number, BatchValue>>(new Map());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setSheet(null);
    void get<CountSheet>(`/api/stock/counts/${id}`).then(setSheet).catch((e) => setError((e as Error).message));
  }, [id]);
  const orgId = sheet?.orgId;
  const entering = sheet?.status === 'open' && can('stock.count.write');
  // Batch costs, so a difference shows in yuan the moment it is typed.
  useEffect(() => {
    if (orgId && entering) void get<BatchValue[]>(`/api/stock/batches?canteenId=${orgId}`).then((l) => setBatches(new Map(l.map((b) => [b.id, b])))).catch(() => undefined);
  }, [orgId, entering]);

  const back = <Button size="large" icon={<ArrowLeftOutlined />} onClick={() => navigate(base)}>{narrow ? t('返回', 'Back') : t('返回盘点列表', 'Back to the counts')}</Button>;
  if (error) return <Alert type="error" showIcon title={error} action={back} />;
  if (!sheet) return <Spin size="large" style={{ display: 'block', marginTop: 80 }} />;
  const status = countStatusOf(sheet.status);
  const own = me?.user.id === sheet.createdBy;
  const canDecide = sheet.status === 'submitted' && can('stock.count.approve') && !own;
  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 12 }}>
        {back}
        <Typography.Title level={narrow ? 4 : 3} style={{ margin: 0 }}>{storeLabel(sheet.store)}{t('盘点', ' count')}</Typography.Title>
        <Tag color={status?.color} style={{ fontSize: 15, padding: '2px 10px' }}>{status ? t(status.zh, status.en) : sheet.status}</Tag>
      </div>
      <div style={{ color: '#555', fontSize: narrow ? 13 : 15, marginBottom: 12 }}>
        <div>{sheet.canteenName} · {t('单号', 'No.')} {sheet.no}</div>
        {countPeople(sheet).map((line) => <div key={line}>{line}</div>)}
      </div>
      {wasSentBack(sheet) && (
        <Alert type="error" showIcon style={{ marginBottom: 12, fontSize: 16 }}
          title={t(`被退回重盘：${sheet.comment}`, `Sent back: ${sheet.comment}`)}
          description={t(`${sheet.decidedByName ?? ''} ${dateTime(sheet.decidedAt)}。请重新清点后再提交。`, `${sheet.decidedByName ?? ''} ${dateTime(sheet.decidedAt)}. Count again, then submit.`)} />
      )}
      {sheet.status === 'submitted' && !canDecide && (
        <Alert type="info" showIcon style={{ marginBottom: 12, fontSize: 16 }}
          title={own && can('stock.count.approve') ? t('这张表是您自己盘点的，需要另一位负责人审核。', 'You counted this sheet yourself; another head must approve it.') : t('已提交，等待食堂负责人审核。', 'Submitted; waiting for the canteen head.')} />
      )}
      {sheet.status === 'approved' && (
        <Alert type="success" showIcon style={{ marginBottom: 12, fontSize: 16 }}
          title={t('已审核通过，库存已按实盘数调整。', 'Approved: stock now matches the count.')}
          description={sheet.comment ? t(`审核意见：${sheet.comment}`, `Comment: ${sheet.comment}`) : undefined} />
      )}
      {sheet.status === 'open' && !entering && (
        <Alert type="info" showIcon style={{ marginBottom: 12, fontSize: 16 }} title={t('仓管员正在盘点，提交后可以审核。', 'The storekeeper is counting; you can check it once submitted.')} />
      )}
      {entering ? <CountEntry sheet={sheet} batches={batches} onSheet={setSheet} /> : <CountReview sheet={sheet} canDecide={canDecide} onSheet={setSheet} />}
    </div>
  );
}
