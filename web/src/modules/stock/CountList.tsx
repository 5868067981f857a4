import { PlayCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, get, post } from '../../api.ts';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { dateTime } from '../ingredient/shared.tsx';
import { countStatusOf, STORES, storeLabel, wasSentBack, type CountRow, type CountSheet, type Store } from './CountModel.ts';

const statusTag = (c: CountRow) => {
  const s = countStatusOf(c.status);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Tag color={s?.color} style={{ fontSize: 14 }}>{s ? t(s.zh, s.en) : c.status}</Tag>
      {wasSentBack(c) && <Tag color="error" style={{ fontSize: 14 }}>{t('被退回', 'Sent back')}</Tag>}
    </span>
  );
};

/**
 * The count sheets of a canteen, newest first. The storekeeper starts (or carries on with) the count
 * of a store with one large button; the canteen head sees what waits for approval.
 */
export function CountList({ canteenId, base, phone }: { canteenId: number; base: string; phone?: boolean }) {
  useLang();
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [rows, setRows] = useState<CountRow[] | null>(null);
  const [starting, setStarting] = useState<Store | null>(null);
  useEffect(() => {
    setRows(null);
    void get<CountRow[]>(`/api/stock/counts?canteenId=${canteenId}`).then(setRows).catch((e) => message.error((e as Error).message));
  }, [canteenId]);
  const open = (id: number) => navigate(`${base}/${id}`);
  const writer = can('stock.count.write');
  const list = rows ?? [];
  const waiting = can('stock.count.approve') ? list.filter((c) => c.status === 'submitted') : [];

  const start = async (store: Store) => {
    const unfinished = list.find((c) => c.store === store && (c.status === 'open' || c.status === 'submitted'));
    if (unfinished) return open(unfinished.id);
    setStarting(store);
    try {
      open((await post<CountSheet>('/api/stock/counts', { canteenId, store })).id);
    } catch (e) {
      const id = e instanceof ApiError ? (e.details as { countId?: number } | undefined)?.countId : undefined;
      if (id) open(id);
      else message.error((e as Error).message);
    } finally {
      setStarting(null);
    }
  };

  return (
    <div>
      {writer && (
        <>
          <Typography.Title level={4} style={{ marginTop: 0 }}>{t('开始盘点：选库房', 'Start a count: choose the store')}</Typography.Title>
          <div style={{ display: 'grid', gridTemplateColumns: phone ? '1fr' : 'repeat(auto-fill, minmax(240px, 1fr))', gap: 12, marginBottom: 24 }}>
            {STORES.map((s) => {
              const unfinished = list.find((c) => c.store === s.value && (c.status === 'open' || c.status === 'submitted'));
              return (
                <Button key={s.value} size="large" loading={starting === s.value} disabled={!rows} onClick={() => void start(s.value)}
                  type={unfinished?.status === 'open' ? 'primary' : 'default'} aria-label={t(`盘点${s.zh}`, `Count the ${s.en}`)}
                  style={{ height: 'auto', minHeight: 84, padding: '10px 16px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', textAlign: 'left', whiteSpace: 'normal' }}>
                  <span>
                    <span style={{ fontSize: 20, fontWeight: 700, display: 'block' }}>{t(s.zh, s.en)}</span>
                    <span style={{ fontSize: 14, opacity: 0.8, display: 'block' }}>{t(s.holdsZh, s.holdsEn)}</span>
                    {unfinished && (
                      <span style={{ fontSize: 14, fontWeight: 600, display: 'block', marginTop: 2 }}>
                        {unfinished.status === 'open' ? t('有未完成的盘点，点这里继续', 'Unfinished: press to carry on') : t('已提交，等待审核', 'Submitted, waiting for approval')}
                      </span>
                    )}
                  </span>
                  <PlayCircleOutlined style={{ fontSize: 28 }} />
                </Button>
              );
            })}
          </div>
        </>
      )}
      {waiting.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16, fontSize: 16 }} title={t(`有 ${waiting.length} 张盘点表等待您审核`, `${waiting.length} counts are waiting for your approval`)}
          action={<Button size="large" type="primary" onClick={() => open(waiting[0]!.id)}>{t('去审核', 'Check it')}</Button>} />
      )}
      <Typography.Title level={4}>{t('盘点记录', 'Counts')}</Typography.Title>
      {phone ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
          {rows && !list.length && <Typography.Text type="secondary" style={{ fontSize: 16 }}>{t('还没有盘点记录', 'No counts yet')}</Typography.Text>}
          {list.map((c) => (
            <button key={c.id} type="button" onClick={() => open(c.id)}
              style={{ font: 'inherit', textAlign: 'left', background: '#fff', border: '1px solid #d9d9d9', borderRadius: 10, padding: '12px 14px', minHeight: 64, display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
              <span>
                <span style={{ fontSize: 18, fontWeight: 700 }}>{storeLabel(c.store)}</span> {statusTag(c)}
                <span style={{ display: 'block', fontSize: 14, color: '#666' }}>{dateTime(c.createdAt)} · {c.createdByName}</span>
              </span>
              <RightOutlined />
            </button>
          ))}
        </div>
      ) : (
        <Table<CountRow> rowKey="id" loading={!rows} scroll={{ x: 960 }} dataSource={list} pagination={{ pageSize: 30, showSizeChanger: false }}
          onRow={(c) => ({ onClick: () => open(c.id), style: { cursor: 'pointer' } })}
          locale={{ emptyText: t('还没有盘点记录', 'No counts yet') }}
          columns={[
            { title: t('单号', 'Number'), dataIndex: 'no', width: 210, render: (v) => <Typography.Link style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Link> },
            { title: t('库房', 'Store'), dataIndex: 'store', width: 100, render: storeLabel },
            { title: t('状态', 'Status'), width: 170, render: (_, c) => statusTag(c) },
            { title: t('盘点人', 'Counted by'), dataIndex: 'createdByName', width: 100 },
            { title: t('开始时间', 'Started'), dataIndex: 'createdAt', width: 180, render: (v) => <span style={{ whiteSpace: 'nowrap' }}>{dateTime(v)}</span> },
            { title: t('审核人', 'Decided by'), dataIndex: 'decidedByName', width: 100, render: (v) => v ?? '—' },
            { title: '', width: 100, render: (_, c) => <Button onClick={(e) => { e.stopPropagation(); open(c.id); }}>{c.status === 'open' && writer ? t('继续', 'Continue') : t('查看', 'Open')}</Button> },
          ]} />
      )}
    </div>
  );
}
