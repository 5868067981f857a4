import { Alert, Button, Empty, Image, Input, Select, Spin } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { labelOf } from '../../shell/labels.tsx';
import { EVENT_TYPES, listEvents, listSensors, rangeText, snapshotHref, type KitchenEvent, type Sensor } from '../../modules/monitoring/api.ts';
import { useReview } from '../../modules/monitoring/useReview.ts';
import { card, PhoneShell, touch } from '../feedback/PhoneShell.tsx';

const COLOUR: Record<string, string> = { ok: '#237804', holding: '#d46b08', alert: '#cf1322' };
const WORD: Record<string, [string, string]> = {
  ok: ['正常', 'OK'], holding: ['超限·延时中', 'Out · holding'], alert: ['超限报警', 'Out of range'],
  no_profile: ['未设阈值', 'No thresholds'], no_reading: ['无读数', 'No reading'], stale: ['离线', 'Offline'],
};

/**
 * /m/monitoring — the site manager's phone: the canteen's temperatures now (big, coloured by state)
 * and the camera events waiting for review, each with its snapshot and two big buttons.
 */
export function MonitoringPhone() {
  useLang();
  const { me, can, canteenId, setCanteenId } = useSession();
  const [sensors, setSensors] = useState<Sensor[] | null>(null);
  const [events, setEvents] = useState<{ total: number; rows: KitchenEvent[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    if (!canteenId) return;
    if (can('monitoring.sensor.read')) listSensors(canteenId).then(setSensors, (e: Error) => setError(e.message));
    if (can('monitoring.event.read')) listEvents({ canteenId, status: 'to_review', limit: 20 }).then(setEvents, (e: Error) => setError(e.message));
  };
  useEffect(() => {
    load();
    const timer = setInterval(() => canteenId && can('monitoring.sensor.read') && listSensors(canteenId).then(setSensors, () => undefined), 10_000);
    return () => clearInterval(timer);
  }, [canteenId]);
  const reviewed = (id: number) => setEvents((cur) => cur && { total: cur.total - 1, rows: cur.rows.filter((r) => r.id !== id) });

  return (
    <PhoneShell title={t('冷链与后厨', 'Cold chain & kitchen')} back="/m"
      action={<Link to="/monitoring" style={{ ...touch, display: 'grid', placeItems: 'center', color: '#fff', fontSize: 15, padding: '0 8px' }}>{t('电脑版', 'Desktop')}</Link>}>
      {(me?.canteens.length ?? 0) > 1 && (
        <Select size="large" value={canteenId ?? undefined} onChange={setCanteenId} style={{ width: '100%', marginBottom: 12 }} aria-label={t('食堂', 'Canteen')}
          options={me!.canteens.map((c) => ({ value: c.id, label: c.name }))} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {can('monitoring.sensor.read') && (
        <section aria-label={t('温度', 'Temperatures')}>
          <h2 style={{ fontSize: 18, margin: '4px 0 8px' }}>{t('温度', 'Temperatures')}</h2>
          {!sensors ? <Spin size="large" style={{ display: 'block', margin: 24 }} /> : !sensors.length ? <Empty description={t('没有温湿度传感器', 'No sensors')} /> : (
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 10 }}>
              {sensors.map((s) => {
                const colour = COLOUR[s.status] ?? '#8c8c8c';
                const word = WORD[s.status]!;
                return (
                  <div key={s.deviceId} style={{ ...card, borderLeft: `6px solid ${colour}` }} aria-label={s.name}>
                    <div style={{ fontSize: 15, fontWeight: 600, lineHeight: 1.3 }}>{s.name}</div>
                    <div style={{ fontSize: 32, fontWeight: 700, color: colour, lineHeight: 1.3 }}>
                      {s.temperatureC === null ? '—' : `${s.temperatureC.toFixed(1).replace('-', '−')}°`}
                    </div>
                    <div style={{ fontSize: 13, color: '#666' }}>{t(word[0], word[1])} · {rangeText(s.minC, s.maxC) ?? '—'}</div>
                  </div>
                );
              })}
            </div>
          )}
        </section>
      )}
      {can('monitoring.event.read') && (
        <section aria-label={t('待复核事件', 'Events to review')} style={{ marginTop: 20 }}>
          <h2 style={{ fontSize: 18, margin: '4px 0 8px' }}>{t(`后厨行为待复核（${events?.total ?? '…'}）`, `Kitchen events to review (${events?.total ?? '…'})`)}</h2>
          {!events ? <Spin size="large" style={{ display: 'block', margin: 24 }} /> : !events.rows.length
            ? <Empty description={t('没有待复核的事件', 'Nothing to review')} />
            : <div style={{ display: 'grid', gap: 12 }}>{events.rows.map((e) => <EventCard key={e.id} e={e} canReview={can('monitoring.event.review')} onDone={() => reviewed(e.id)} />)}</div>}
        </section>
      )}
    </PhoneShell>
  );
}

function EventCard({ e, canReview, onDone }: { e: KitchenEvent; canReview: boolean; onDone: () => void }) {
  const { note, setNote, busy, decide } = useReview(e, onDone);
  return (
    <article style={{ ...card, padding: 0, overflow: 'hidden' }} aria-label={labelOf(EVENT_TYPES, e.type)}>
      {e.hasSnapshot && <Image src={snapshotHref(e.id)} alt={labelOf(EVENT_TYPES, e.type)} width="100%" style={{ display: 'block' }} />}
      <div style={{ padding: 12 }}>
        <div style={{ fontSize: 19, fontWeight: 700 }}>{labelOf(EVENT_TYPES, e.type)}</div>
        <div style={{ fontSize: 15, color: '#555' }}>
          {e.cameraName}{e.location ? `（${e.location}）` : ''} · {dayjs(e.at).format('MM-DD HH:mm')} · {t('置信度', 'confidence')} {Math.round(e.confidence * 100)}%
        </div>
        {canReview && (
          <>
            <Input value={note} onChange={(x) => setNote(x.target.value)} maxLength={500} placeholder={t('说明（可选）', 'Note (optional)')} style={{ marginTop: 10 }} />
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 10, marginTop: 10 }}>
              <Button danger type="primary" size="large" loading={busy} style={{ ...touch, fontSize: 17 }} onClick={() => decide('confirmed')}>{t('确认违规', 'Confirm')}</Button>
              <Button size="large" loading={busy} style={{ ...touch, fontSize: 17 }} onClick={() => decide('false_alarm')}>{t('误报', 'False alarm')}</Button>
            </div>
          </>
        )}
      </div>
    </article>
  );
}
