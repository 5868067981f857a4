import { CheckCircleFilled, DisconnectOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { t } from '../../i18n.ts';
import { listDevices, watchReadings, type Device, type Reading } from './api.ts';

/** A scale sends about 5 readings a second; 3 s of silence means it is off or out of reach. */
const OFFLINE_AFTER_MS = 3000;
const chosenKey = (canteenId: number) => `liveWeight.scale.${canteenId}`;

const STATES = {
  offline: { color: '#8c8c8c', icon: <DisconnectOutlined />, zh: '离线', en: 'Offline' },
  weighing: { color: '#d46b08', icon: <SyncOutlined spin />, zh: '称重中', en: 'Weighing' },
  stable: { color: '#237804', icon: <CheckCircleFilled />, zh: '稳定', en: 'Stable' },
} as const;

/**
 * The weight on one of the canteen's scales, live, in digits big enough to read from a step away,
 * with a plain stable / weighing / offline sign. `onUse` gets the grams (and the scale's code) when the user takes a
 * stable weight; without it the button is not shown.
 */
export function LiveWeight({ canteenId, onUse }: { canteenId: number; onUse?: (grams: number, scale: { code: string }) => void }) {
  const [scales, setScales] = useState<Device[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deviceId, setDeviceId] = useState<number | null>(null);
  const [last, setLast] = useState<{ reading: Reading; at: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let stale = false;
    setScales(null);
    setError(null);
    listDevices(canteenId).then((list) => {
      if (stale) return;
      const usable = list.filter((d) => d.active && d.kind === 'scale');
      const saved = Number(localStorage.getItem(chosenKey(canteenId)));
      setScales(usable);
      setDeviceId(usable.find((d) => d.id === saved)?.id ?? usable[0]?.id ?? null);
    }, (e: Error) => !stale && setError(e.message));
    return () => { stale = true; };
  }, [canteenId]);

  useEffect(() => {
    setLast(null);
    if (deviceId === null) return;
    return watchReadings(deviceId, (reading) => setLast({ reading, at: Date.now() }));
  }, [deviceId]);

  // Re-render twice a second so "offline" appears when readings stop, not only when one arrives.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!scales) return <Spin size="large" />;
  if (!scales.length) return <Alert type="info" showIcon title={t('本食堂还没有登记验收秤', 'No scale is registered for this canteen')} />;

  const choose = (id: number) => {
    localStorage.setItem(chosenKey(canteenId), String(id));
    setDeviceId(id);
  };
  const offline = !last || now - last.at > OFFLINE_AFTER_MS;
  const state = STATES[offline ? 'offline' : last.reading.stable ? 'stable' : 'weighing'];
  const grams = last?.reading.grams ?? null;
  return (
    <div role="group" aria-label={t('秤的读数', 'Scale reading')} style={{ border: `3px solid ${state.color}`, borderRadius: 12, padding: 20, background: '#fff', maxWidth: 680 }}>
      {scales.length > 1 ? (
        <Select size="large" aria-label={t('选择秤', 'Choose the scale')} value={deviceId} onChange={choose} style={{ minWidth: 300 }}
          options={scales.map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }))} />
      ) : (
        <Typography.Text style={{ fontSize: 18 }}>{scales[0]!.name}（{scales[0]!.code}）</Typography.Text>
      )}
      <div style={{ display: 'flex', alignItems: 'baseline', flexWrap: 'wrap', columnGap: 20, margin: '8px 0' }}>
        <span role="status" aria-label={t('重量（千克）', 'Weight (kg)')}
          style={{ fontSize: 88, lineHeight: 1.1, fontWeight: 700, fontVariantNumeric: 'tabular-nums', color: offline ? '#bfbfbf' : '#141414' }}>
          {grams === null ? '—' : (grams / 1000).toFixed(3)}
        </span>
        <span style={{ fontSize: 36, color: offline ? '#bfbfbf' : '#141414' }}>kg</span>
        {grams !== null && <span style={{ fontSize: 32, color: offline ? '#bfbfbf' : '#595959' }}>{(grams / 500).toFixed(2)} {t('斤', 'jin')}</span>}
      </div>
      <div style={{ fontSize: 28, fontWeight: 600, color: state.color, marginBottom: onUse ? 16 : 0 }}>
        {state.icon} {t(state.zh, state.en)}
      </div>
      {onUse && (
        <Button type="primary" size="large" block disabled={offline || !last.reading.stable || grams === null || grams <= 0}
          onClick={() => onUse(grams!, { code: scales.find((d) => d.id === deviceId)!.code })} style={{ height: 72, fontSize: 26 }}>
          {t('使用此重量', 'Use this weight')}
        </Button>
      )}
    </div>
  );
}
