import { CheckCircleFilled, DisconnectOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, yuan } from '../../../api.ts';
import { t } from '../../../i18n.ts';
import { listDevices, watchReadings, type Reading } from '../../devices/api.ts';
import type { BoardDish } from '../api.ts';
import { dishName } from './DishTiles.tsx';

/** A scale sends about 5 readings a second; 3 s of silence means it is off or out of reach. */
const OFFLINE_AFTER_MS = 3000;

/**
 * Weighs one dish on the station's own scale (the station's `scaleCode`): live grams, the price
 * they come to, and "use this weight" once the reading is stable.
 */
export function WeighDialog({ dish, canteenId, scaleCode, onUse, onClose }: {
  dish: BoardDish | null; canteenId: number; scaleCode: string | null; onUse: (d: BoardDish, grams: number) => void; onClose: () => void;
}) {
  const [deviceId, setDeviceId] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [last, setLast] = useState<{ reading: Reading; at: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const open = dish !== null;

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    setDeviceId(null);
    if (!scaleCode) { setProblem(t('本结算台没有配置电子秤', 'This station has no scale configured')); return; }
    let stale = false;
    listDevices(canteenId).then((list) => {
      if (stale) return;
      const d = list.find((x) => x.code === scaleCode && x.active);
      if (!d) setProblem(t(`找不到电子秤 ${scaleCode}，请联系管理员`, `Scale ${scaleCode} not found; call the administrator`));
      else setDeviceId(d.id);
    }, (e: unknown) => {
      if (stale) return;
      setProblem(e instanceof ApiError && e.status === 403
        ? t('当前账号无权读取电子秤（需“查看设备与读数”权限），请联系管理员', 'This sign-in may not read the scale (needs “View devices and readings”); call the administrator')
        : (e as Error).message);
    });
    return () => { stale = true; };
  }, [open, canteenId, scaleCode]);

  useEffect(() => {
    setLast(null);
    if (deviceId === null || !open) return;
    return watchReadings(deviceId, (reading) => setLast({ reading, at: Date.now() }));
  }, [deviceId, open]);

  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => setNow(Date.now()), 400);
    return () => clearInterval(timer);
  }, [open]);

  const offline = !last || now - last.at > OFFLINE_AFTER_MS;
  const stable = !offline && last.reading.stable && last.reading.grams > 0;
  const grams = last?.reading.grams ?? null;
  const state = offline ? { c: '#8c8c8c', i: <DisconnectOutlined />, zh: '秤未连接', en: 'Scale offline' }
    : stable ? { c: '#237804', i: <CheckCircleFilled />, zh: '稳定', en: 'Stable' } : { c: '#d46b08', i: <SyncOutlined spin />, zh: '称重中', en: 'Weighing' };

  return (
    <Modal open={open} onCancel={onClose} footer={null} width={640} destroyOnHidden
      title={<span style={{ fontSize: 26 }}>{t('称重', 'Weigh')} · {dish ? dishName(dish) : ''}</span>}>
      {dish && (
        <div>
          <div style={{ fontSize: 20, color: '#595959' }}>{t('每份', 'Per portion')} {dish.portionG} g · {yuan(dish.priceFen)}</div>
          {problem ? <Alert style={{ margin: '16px 0', fontSize: 20 }} type="warning" showIcon title={problem} />
            : deviceId === null ? <Spin size="large" style={{ display: 'block', margin: 40 }} />
            : (
              <div role="group" aria-label={t('秤的读数', 'Scale reading')} style={{ border: `3px solid ${state.c}`, borderRadius: 12, padding: 20, margin: '16px 0' }}>
                <div style={{ display: 'flex', alignItems: 'baseline', gap: 16 }}>
                  <span role="status" aria-label={t('重量（克）', 'Weight (g)')} style={{ fontSize: 88, fontWeight: 700, lineHeight: 1.1, fontVariantNumeric: 'tabular-nums', color: offline ? '#bfbfbf' : '#141414' }}>
                    {grams === null ? '—' : grams}
                  </span>
                  <span style={{ fontSize: 36 }}>g</span>
                  {grams !== null && grams > 0 && <span style={{ fontSize: 36, color: '#c0392b', marginLeft: 'auto' }}>{yuan(Math.round((grams * dish.priceFen) / Math.max(dish.portionG, 1)))}</span>}
                </div>
                <div style={{ fontSize: 28, fontWeight: 600, color: state.c }}>{state.i} {t(state.zh, state.en)}</div>
              </div>
            )}
          <div style={{ display: 'flex', gap: 12 }}>
            <Button size="large" onClick={onClose} style={{ height: 72, fontSize: 24, flex: 1 }}>{t('取消', 'Cancel')}</Button>
            <Button type="primary" size="large" disabled={!stable} onClick={() => onUse(dish, grams!)} style={{ height: 72, fontSize: 24, flex: 2 }}>
              {t('使用此重量', 'Use this weight')}
            </Button>
          </div>
        </div>
      )}
    </Modal>
  );
}
