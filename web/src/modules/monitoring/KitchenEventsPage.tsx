import { App, Button, Card, DatePicker, Descriptions, Drawer, Empty, Image, Input, Segmented, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { labelOf, tagOf } from '../../shell/labels.tsx';
import { Plain } from '../ingredient/shared.tsx';
import { useReview } from './useReview.ts';
import { Chart } from '../report/chart.tsx';
import { EVENT_STATUSES, EVENT_TYPES, getEvent, listCameras, listEvents, snapshotHref, weeklyCounts, type Camera, type KitchenEvent, type Weekly } from './api.ts';

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
const PAGE = 20;

/**
 * /monitoring/kitchen-events — the camera systems' AI events (后厨行为分析). The AI raises many false
 * alarms, so every event waits for a person: confirmed, it counts and alerts the site manager; a
 * false alarm is closed. Who, when and why stay with the event. Counts per type and week below.
 */
export function KitchenEventsPage() {
  useLang();
  const { canteenId } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<string>('to_review');
  const [type, setType] = useState<string | undefined>();
  const [cameraId, setCameraId] = useState<number | undefined>();
  const [dates, setDates] = useState<[Dayjs, Dayjs] | null>(null);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; rows: KitchenEvent[] } | null>(null);
  const [cameras, setCameras] = useState<Camera[]>([]);
  const [weekly, setWeekly] = useState<Weekly | null>(null);
  const [opened, setOpened] = useState<KitchenEvent | null>(null);
  const openId = Number(params.get('event')) || null;

  const load = () => {
    if (!canteenId) return;
    listEvents({
      canteenId, status: status === 'all' ? undefined : status, type, cameraId,
      from: dates?.[0].format('YYYY-MM-DD'), to: dates?.[1].format('YYYY-MM-DD'), limit: PAGE, offset: (page - 1) * PAGE,
    }).then(setData).catch((e) => message.error((e as Error).message));
    weeklyCounts(canteenId, 8).then(setWeekly).catch(() => setWeekly(null));
  };
  useEffect(load, [canteenId, status, type, cameraId, dates, page]);
  useEffect(() => {
    if (canteenId) listCameras(canteenId).then(setCameras).catch(() => setCameras([]));
  }, [canteenId]);
  // A link from an alert (?event=id) opens that event, whatever the filters show.
  useEffect(() => {
    if (!openId || !canteenId || opened?.id === openId) return;
    const found = data?.rows.find((r) => r.id === openId);
    if (found) setOpened(found);
    else getEvent(openId).then(setOpened).catch((e) => message.error((e as Error).message));
  }, [openId, canteenId, data]);
  const close = () => {
    setOpened(null);
    if (openId) setParams({});
  };

  return (
    <Plain>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('后厨行为分析', 'Kitchen behaviour events')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('摄像头 AI 识别的未戴口罩、未戴厨师帽、抽烟、玩手机、老鼠等事件误报较多，每条都要人工复核：确认后计数并向项目经理预警，误报则关闭。',
          'The cameras’ AI (no mask, no hat, smoking, phone, rodents …) raises many false alarms, so each event is reviewed: confirmed, it counts and alerts the site manager; a false alarm is closed.')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented size="large" value={status} onChange={(v) => { setStatus(String(v)); setPage(1); }}
          options={[...EVENT_STATUSES.map((s) => ({ value: s.value, label: t(s.zh, s.en) })), { value: 'all', label: t('全部', 'All') }]} />
        <Select allowClear placeholder={t('类型', 'Type')} style={{ width: 160 }} value={type} onChange={(v) => { setType(v); setPage(1); }}
          options={EVENT_TYPES.map((x) => ({ value: x.value, label: t(x.zh, x.en) }))} />
        <Select allowClear placeholder={t('摄像头', 'Camera')} style={{ width: 180 }} value={cameraId} onChange={(v) => { setCameraId(v); setPage(1); }}
          options={cameras.map((c) => ({ value: c.id, label: c.location ? `${c.name}（${c.location}）` : c.name }))} />
        <DatePicker.RangePicker value={dates} onChange={(v) => { setDates(v && v[0] && v[1] ? [v[0], v[1]] : null); setPage(1); }} />
      </Space>
      <Table<KitchenEvent> rowKey="id" loading={!data} dataSource={data?.rows ?? []}
        pagination={{ current: page, pageSize: PAGE, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={status === 'to_review' ? t('没有待复核的事件', 'Nothing to review') : t('没有事件', 'No events')} /> }}
        onRow={(r) => ({ onClick: () => setOpened(r), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('快照', 'Snapshot'), key: 'snap', width: 132, render: (_: unknown, r) => (r.hasSnapshot
            ? <img src={snapshotHref(r.id)} alt={labelOf(EVENT_TYPES, r.type)} width={120} height={68} style={{ objectFit: 'cover', borderRadius: 4, display: 'block' }} loading="lazy" />
            : <Typography.Text type="secondary">{t('无快照', 'None')}</Typography.Text>) },
          { title: t('时间', 'When'), dataIndex: 'at', width: 150, render: when },
          { title: t('类型', 'Type'), dataIndex: 'type', width: 120, render: (v: string) => tagOf(EVENT_TYPES, v) },
          { title: t('摄像头', 'Camera'), key: 'cam', render: (_: unknown, r) => <span>{r.cameraName}<Typography.Text type="secondary">{r.location ? `（${r.location}）` : ''}</Typography.Text></span> },
          { title: t('置信度', 'Confidence'), dataIndex: 'confidence', width: 90, render: (v: number) => `${Math.round(v * 100)}%` },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 100, render: (v: string) => tagOf(EVENT_STATUSES, v) },
          { title: t('复核', 'Review'), key: 'rev', render: (_: unknown, r) => (r.reviewedAt
            ? <span>{r.reviewedByName} · {when(r.reviewedAt)}{r.note && <Typography.Text type="secondary"> · {r.note}</Typography.Text>}</span>
            : <Button type="primary">{t('复核', 'Review')}</Button>) },
        ]} />
      {weekly && <WeeklyChart weekly={weekly} />}
      <Drawer open={!!opened} onClose={close} size={640} title={t('事件复核', 'Review the event')} destroyOnHidden>
        {opened && <EventDetail e={opened} onReviewed={(e) => { setOpened(e); load(); }} />}
      </Drawer>
    </Plain>
  );
}

function EventDetail({ e, onReviewed }: { e: KitchenEvent; onReviewed: (e: KitchenEvent) => void }) {
  const { can } = useSession();
  const { note, setNote, busy, decide } = useReview(e, onReviewed);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {e.hasSnapshot
        ? <Image src={snapshotHref(e.id)} alt={labelOf(EVENT_TYPES, e.type)} width="100%" />
        : <Empty description={t('摄像头系统没有发来快照', 'The camera system sent no snapshot')} />}
      <Descriptions column={1} size="small" bordered items={[
        { key: 'type', label: t('类型', 'Type'), children: <Space>{tagOf(EVENT_TYPES, e.type)}{tagOf(EVENT_STATUSES, e.status)}</Space> },
        { key: 'at', label: t('时间', 'When'), children: when(e.at) },
        { key: 'cam', label: t('摄像头', 'Camera'), children: `${e.cameraName}${e.location ? `（${e.location}）` : ''} · ${e.cameraCode}` },
        { key: 'conf', label: t('AI 置信度', 'AI confidence'), children: `${Math.round(e.confidence * 100)}%` },
        ...(e.reviewedAt ? [
          { key: 'by', label: t('复核人', 'Reviewed by'), children: `${e.reviewedByName ?? '—'} · ${when(e.reviewedAt)}` },
          { key: 'note', label: t('说明', 'Note'), children: e.note || '—' },
        ] : []),
      ]} />
      {e.status === 'to_review' && can('monitoring.event.review') && (
        <>
          <Input.TextArea rows={2} maxLength={500} value={note} onChange={(x) => setNote(x.target.value)}
            placeholder={t('说明（可选）：如“已现场提醒”“反光误识别”', 'Note (optional): e.g. “reminded on the spot”, “glare misread”')} />
          <Space size="middle">
            <Button danger type="primary" size="large" loading={busy} onClick={() => decide('confirmed')} style={{ minWidth: 150, height: 48 }}>{t('确认违规', 'Confirm')}</Button>
            <Button size="large" loading={busy} onClick={() => decide('false_alarm')} style={{ minWidth: 150, height: 48 }}>{t('误报', 'False alarm')}</Button>
          </Space>
        </>
      )}
    </Space>
  );
}

function WeeklyChart({ weekly }: { weekly: Weekly }) {
  const option = useMemo(() => {
    const types = EVENT_TYPES.filter((x) => weekly.rows.some((r) => r.type === x.value && r.confirmed > 0));
    const sum = (week: string, f: (r: Weekly['rows'][number]) => number) => weekly.rows.filter((r) => r.week === week).reduce((s, r) => s + f(r), 0);
    return {
      grid: { left: 48, right: 56, top: 48, bottom: 32 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: weekly.weeks.map((w) => t(`${dayjs(w).format('M/D')} 周`, `wk ${dayjs(w).format('D MMM')}`)) },
      yAxis: [{ type: 'value', name: t('已确认', 'Confirmed'), minInterval: 1 }, { type: 'value', name: t('误报率', 'False alarms'), max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } }],
      series: [
        ...types.map((x) => ({ name: t(x.zh, x.en), type: 'bar', stack: 'confirmed', data: weekly.weeks.map((w) => weekly.rows.find((r) => r.week === w && r.type === x.value)?.confirmed ?? 0) })),
        { name: t('误报率', 'False-alarm rate'), type: 'line', yAxisIndex: 1, symbol: 'circle', lineStyle: { type: 'dashed', color: '#8c8c8c' }, itemStyle: { color: '#8c8c8c' },
          data: weekly.weeks.map((w) => {
            const reviewed = sum(w, (r) => r.confirmed + r.falseAlarm);
            return reviewed ? Math.round((sum(w, (r) => r.falseAlarm) / reviewed) * 100) : null;
          }) },
      ],
    };
  }, [weekly]);
  return (
    <Card style={{ marginTop: 16 }} title={t('每周确认的事件（按类型）与误报率', 'Confirmed events per week by type, and the false-alarm rate')}>
      {weekly.rows.length ? <Chart height={300} option={option} label={t('每周事件数', 'Events per week')} /> : <Empty description={t('近 8 周没有事件', 'No events in 8 weeks')} />}
    </Card>
  );
}
