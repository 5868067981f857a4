import { CameraOutlined, CheckCircleFilled, InboxOutlined } from '@ant-design/icons';
import { App, Button, Empty, Input, InputNumber, Modal, Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { mealLabel, t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { watchReadings, type Reading } from '../../modules/devices/api.ts';
import { chinaTime, sampleApi, STATUS, type Cabinet, type Day, type DishRow, type Due, type Meal, type Pending } from '../../modules/sample/api.ts';
import { newRequestKey, postingErrorText } from '../../modules/stock/shared.tsx';
import { card as shellCard, GREEN, PhoneShell, touch } from '../feedback/PhoneShell.tsx';
import { shrinkPhoto } from '../../photo.ts';

const card = { ...shellCard, marginBottom: 12 } as const;
const h2 = { fontSize: 17, fontWeight: 700, margin: '4px 0 10px' } as const;

/** What a sample cabinet's reading carries besides the scale fields (server: SampleCabinetReading). */
type CabinetReading = Reading & { data?: { event: string; slot?: number; grams?: number; temperatureC?: number } };

/** The meal being served or next up: the first whose serving window has not ended. */
function currentMeal(day: Day): Meal | null {
  const now = Date.now();
  return (day.meals.find((m) => Date.parse(m.endsAt) > now) ?? day.meals.at(-1))?.meal ?? null;
}

/**
 * /m/samples — the sample keeper's phone: pick the meal and the dish from big tiles, photograph
 * the box, take the weight the cabinet reports for the slot it went into (or type it), save; and
 * the samples whose time is up today, to discard.
 *
 * The flow at the cabinet: put the box in a free slot and close the door; the cabinet weighs it and
 * its weighing appears here at once (the devices' live stream); tap it, pick the dish, take the
 * photo, save. Without a smart cabinet, type the weight from any scale.
 */
export function SamplesPhone() {
  useLang();
  const { me, can, canteenId, setCanteenId } = useSession();
  const { message } = App.useApp();
  const [day, setDay] = useState<Day | null>(null);
  const [cabinets, setCabinets] = useState<Cabinet[]>([]);
  const [due, setDue] = useState<Due[]>([]);
  const [meal, setMeal] = useState<Meal | null>(null);
  const [dish, setDish] = useState<DishRow | null>(null);
  const [last, setLast] = useState<CabinetReading | null>(null);
  const allowed = can('sample.sample.write');

  const loadDay = () => canteenId && sampleApi.day(canteenId).then((d) => { setDay(d); setMeal((m) => m ?? currentMeal(d)); }, (e: Error) => message.error(e.message));
  const loadCabinets = () => canteenId && sampleApi.cabinets(canteenId).then((r) => setCabinets(r.cabinets), () => setCabinets([]));
  const loadDue = () => canteenId && sampleApi.discards(canteenId).then(setDue, () => setDue([]));
  useEffect(() => {
    setDay(null); setMeal(null); setDish(null);
    if (!canteenId || !allowed) return;
    void loadDay(); void loadCabinets(); void loadDue();
  }, [canteenId, allowed]);

  // The cabinet's readings, live: a box placed or removed shows at once; the server has recorded it a moment later.
  const cabinetId = cabinets[0]?.id;
  useEffect(() => {
    if (!cabinetId) return;
    const refetch = () => { void loadCabinets(); setTimeout(() => void loadCabinets(), 1200); };
    if (!can('devices.device.read')) {
      const timer = setInterval(() => void loadCabinets(), 4000);
      return () => clearInterval(timer);
    }
    return watchReadings(cabinetId, (r) => {
      const x = r as CabinetReading;
      if (x.data?.event === 'placed' || x.data?.event === 'removed') {
        setLast(x);
        setTimeout(refetch, 300);
      }
    });
  }, [cabinetId]);

  const m = day?.meals.find((x) => x.meal === meal) ?? null;
  return (
    <PhoneShell title={t('留样', 'Food samples')} action={<Link to="/samples" style={{ color: '#fff', padding: '12px 8px', fontSize: 15 }}>{t('电脑版', 'Desktop')}</Link>}>
      {me && me.canteens.length > 1 ? (
        <Select aria-label={t('食堂', 'Canteen')} value={canteenId ?? undefined} onChange={setCanteenId} style={{ width: '100%', marginBottom: 12 }}
          options={me.canteens.map((c) => ({ value: c.id, label: c.name }))} />
      ) : <div style={{ color: '#595959', marginBottom: 8 }}>{me?.canteens[0]?.name}{day ? ` · ${day.date}` : ''}</div>}
      {!allowed || !canteenId ? <p style={{ fontSize: 17, padding: 24, textAlign: 'center' }}>{t('您没有留样的权限。', 'You may not keep samples.')}</p>
        : !day ? <div style={{ textAlign: 'center', padding: 40 }}><Spin size="large" /></div>
        : !day.meals.length ? <Empty description={t('今天没有已发布的菜单', 'No published menu today')} />
        : (
          <>
            <section style={card} aria-label={t('餐次', 'Meal')}>
              <div role="radiogroup" aria-label={t('餐次', 'Meal')} style={{ display: 'grid', gridTemplateColumns: `repeat(${Math.min(day.meals.length, 4)}, 1fr)`, gap: 8 }}>
                {day.meals.map((x) => {
                  const on = x.meal === meal;
                  const kept = x.dishes.filter((d) => d.status === 'kept').length;
                  const bad = x.dishes.some((d) => d.status === 'missing' || d.status === 'light' || d.status === 'early');
                  return (
                    <button key={x.meal} type="button" role="radio" aria-checked={on} onClick={() => { setMeal(x.meal); setDish(null); }}
                      style={{ minHeight: 64, borderRadius: 10, cursor: 'pointer', border: `2px solid ${on ? GREEN : '#d9d9d9'}`, background: on ? '#e6f2ee' : '#fff', color: on ? GREEN : '#222', padding: 4 }}>
                      <div style={{ fontSize: 18, fontWeight: 700 }}>{mealLabel(x.meal)}</div>
                      <div style={{ fontSize: 13, color: bad ? '#cf1322' : '#8c8c8c' }}>{kept}/{x.dishes.length}</div>
                    </button>
                  );
                })}
              </div>
            </section>
            {m && (
              <section style={card} aria-label={t('菜品', 'Dishes')}>
                <div style={h2}>{t('选择菜品', 'Pick the dish')} <span style={{ fontWeight: 400, fontSize: 14, color: '#8c8c8c' }}>{t(`${chinaTime(m.dueAt, true)} 前完成`, `due by ${chinaTime(m.dueAt, true)}`)}</span></div>
                <div role="radiogroup" aria-label={t('菜品', 'Dishes')} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
                  {m.dishes.map((d) => {
                    const s = STATUS[d.status];
                    const on = dish?.dishId === d.dishId;
                    return (
                      <button key={d.dishId} type="button" role="radio" aria-checked={on} onClick={() => setDish(d)}
                        style={{ minHeight: 72, borderRadius: 10, cursor: 'pointer', textAlign: 'left', padding: '8px 10px', border: `${on ? 3 : 2}px solid ${on ? GREEN : s.color}`, background: on ? '#e6f2ee' : s.bg, boxShadow: on ? '0 0 0 2px #b7dccf' : undefined }}>
                        <div style={{ fontSize: 17, fontWeight: 700, color: '#222', lineHeight: 1.25 }}>{d.dishName}</div>
                        <div style={{ fontSize: 14, color: s.color, fontWeight: 600 }}>
                          {d.status === 'kept' && <CheckCircleFilled />} {d.sample ? `${d.sample.grams} g · ` : ''}{t(s.zh, s.en)}
                        </div>
                      </button>
                    );
                  })}
                </div>
              </section>
            )}
            {m && dish && (
              <KeepForm key={`${m.meal}-${dish.dishId}`} canteenId={canteenId} meal={m.meal} dish={dish} minGrams={day.settings.minGrams} cabinets={cabinets} last={last}
                onSaved={() => { setDish(null); void loadDay(); void loadCabinets(); void loadDue(); }} />
            )}
            <DueList due={due} onChanged={() => { void loadDue(); void loadCabinets(); }} />
          </>
        )}
    </PhoneShell>
  );
}

function KeepForm({ canteenId, meal, dish, minGrams, cabinets, last, onSaved }: {
  canteenId: number; meal: Meal; dish: DishRow; minGrams: number; cabinets: Cabinet[]; last: CabinetReading | null; onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [photo, setPhoto] = useState<{ blob: Blob; url: string } | null>(null);
  const [pick, setPick] = useState<Pending | null>(null);
  const [grams, setGrams] = useState<number | null>(null);
  const [slot, setSlot] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [photoRetry, setPhotoRetry] = useState<number | null>(null);
  const key = useRef(newRequestKey());
  const input = useRef<HTMLInputElement>(null);
  const cabinet = cabinets[0] ?? null;
  const pending = cabinet?.pending ?? [];
  // The newest weighing is most likely the box just put in: offer it chosen.
  useEffect(() => { if (!pick && pending.length === 1) setPick(pending[0]!); }, [pending.length]);
  useEffect(() => () => { if (photo) URL.revokeObjectURL(photo.url); }, [photo]);
  const taken = new Set(cabinet?.slots.flatMap((s) => (s.slot === null ? [] : [s.slot])) ?? []);
  const weight = pick ? pick.grams : grams;
  const light = weight !== null && weight < minGrams;

  const choose = async (file: File | undefined) => {
    if (!file) return;
    const blob = await shrinkPhoto(file);
    setPhoto({ blob, url: URL.createObjectURL(blob) });
  };

  const uploadPhoto = async (id: number) => {
    try {
      await sampleApi.addPhoto(id, photo!.blob);
      setPhotoRetry(null);
      return true;
    } catch (e) {
      setPhotoRetry(id);
      message.error(`${t('照片上传失败：', 'The photo did not upload: ')}${postingErrorText(e)}`);
      return false;
    }
  };

  const save = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const s = await sampleApi.record({
        canteenId, meal, dishId: dish.dishId, requestKey: key.current,
        ...(pick ? { cabinetEventId: pick.eventId } : { grams: grams!, ...(cabinet && slot ? { deviceId: cabinet.id, slot } : {}) }),
      });
      if (!(await uploadPhoto(s.id))) return;
      message.success(s.light ? t(`已留样 ${s.labelCode}，但只有 ${s.grams} 克，请补足后再留一份`, `Kept ${s.labelCode}, but only ${s.grams} g: add a proper box`) : t(`已留样 ${s.labelCode}（${s.grams} 克）`, `Kept ${s.labelCode} (${s.grams} g)`), 4);
      onSaved();
    } catch (e) {
      message.error(postingErrorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section style={{ ...card, border: `2px solid ${GREEN}` }} aria-label={t('留样', 'Keep a sample')}>
      <div style={h2}>{mealLabel(meal)} · {dish.dishName}{dish.samples.length > 0 && <span style={{ fontWeight: 400, fontSize: 14, color: '#8c8c8c' }}> {t(`（已有 ${dish.samples.length} 份）`, ` (${dish.samples.length} kept)`)}</span>}</div>

      <input ref={input} type="file" accept="image/*" capture="environment" hidden aria-label={t('拍照', 'Take a photo')} onChange={(e) => void choose(e.target.files?.[0])} />
      {photo ? (
        <div style={{ position: 'relative', marginBottom: 12 }}>
          <img src={photo.url} alt={t('留样照片', 'Sample photo')} style={{ width: '100%', maxHeight: 260, objectFit: 'cover', borderRadius: 10 }} />
          <Button style={{ position: 'absolute', right: 8, bottom: 8, ...touch }} icon={<CameraOutlined />} onClick={() => input.current?.click()}>{t('重拍', 'Retake')}</Button>
        </div>
      ) : (
        <button type="button" onClick={() => input.current?.click()}
          style={{ width: '100%', minHeight: 120, marginBottom: 12, borderRadius: 10, border: '2px dashed #8fb8aa', background: '#f2f8f6', color: GREEN, fontSize: 20, fontWeight: 600, cursor: 'pointer' }}>
          <CameraOutlined style={{ fontSize: 36, display: 'block', margin: '0 auto 6px' }} />{t('拍摄留样盒照片', 'Photograph the box')}
        </button>
      )}

      {cabinet && (
        <div style={{ marginBottom: 12 }}>
          <div style={{ fontWeight: 600, marginBottom: 6 }}><InboxOutlined /> {t(`${cabinet.name}称重`, `${cabinet.name} weighing`)}</div>
          {last?.data?.event === 'placed' && (
            <div role="status" style={{ fontSize: 15, color: '#595959', marginBottom: 6 }}>
              {t(`刚刚：${last.data.slot} 号格放入 ${last.data.grams} 克`, `Just now: ${last.data.grams} g into slot ${last.data.slot}`)} · {chinaTime(last.receivedAt, true)}
            </div>
          )}
          {pending.length ? (
            <div role="radiogroup" aria-label={t('留样柜的称重', 'Cabinet weighings')} style={{ display: 'grid', gap: 8 }}>
              {pending.map((p) => {
                const on = pick?.eventId === p.eventId;
                return (
                  <button key={p.eventId} type="button" role="radio" aria-checked={on} onClick={() => setPick(on ? null : p)}
                    style={{ minHeight: 56, borderRadius: 10, cursor: 'pointer', display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '0 14px',
                      border: `2px solid ${on ? GREEN : '#d9d9d9'}`, background: on ? '#e6f2ee' : '#fff', fontSize: 18 }}>
                    <span>{t(`${p.slot} 号格`, `Slot ${p.slot}`)}</span>
                    <b style={{ fontSize: 26, color: p.grams < minGrams ? STATUS.light.color : '#141414', fontVariantNumeric: 'tabular-nums' }}>{p.grams} g</b>
                    <span style={{ fontSize: 14, color: '#8c8c8c' }}>{chinaTime(p.at, true)}</span>
                  </button>
                );
              })}
            </div>
          ) : (
            <div style={{ color: '#8c8c8c', fontSize: 15 }}>{t('把留样盒放进留样柜的空格口并关门，称重会显示在这里。', 'Put the box in a free slot and close the door: its weight shows here.')}</div>
          )}
        </div>
      )}

      {!pick && (
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap', marginBottom: 12 }}>
          <label style={{ flex: 1, minWidth: 150 }}>
            <div style={{ fontWeight: 600, marginBottom: 4 }}>{cabinet ? t('或手工输入重量（克）', 'Or type the weight (g)') : t('重量（克）', 'Weight (g)')}</div>
            <InputNumber aria-label={t('重量（克）', 'Weight (g)')} inputMode="numeric" min={1} max={5000} value={grams} onChange={(v) => setGrams(v === null ? null : Number(v))}
              style={{ width: '100%', fontSize: 24 }} size="large" addonAfter="g" />
          </label>
          {cabinet && (
            <label style={{ width: 140 }}>
              <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('放入格口', 'Slot')}</div>
              <Select aria-label={t('放入格口', 'Slot')} allowClear value={slot ?? undefined} onChange={(v) => setSlot(v ?? null)} style={{ width: '100%' }} size="large" placeholder={t('不放柜', 'none')}
                options={Array.from({ length: Math.max(80, ...taken) }, (_, i) => i + 1).filter((n) => !taken.has(n)).map((n) => ({ value: n, label: t(`${n} 号格`, `Slot ${n}`) }))} />
            </label>
          )}
        </div>
      )}
      {light && <div role="alert" style={{ color: STATUS.light.color, fontWeight: 600, marginBottom: 8 }}>{t(`不足 ${minGrams} 克：保存后会预警，请补足后再留一份`, `Below ${minGrams} g: saving raises an alert; add a proper box`)}</div>}

      {photoRetry ? (
        <Button type="primary" block size="large" style={{ height: 56, fontSize: 20 }} loading={busy} onClick={() => void uploadPhoto(photoRetry).then((ok) => ok && onSaved())}>{t('重新上传照片', 'Upload the photo again')}</Button>
      ) : (
        <Button type="primary" block size="large" style={{ height: 56, fontSize: 20 }} loading={busy} disabled={!photo || weight === null || weight <= 0} onClick={() => void save()}>
          {!photo ? t('请先拍照', 'Take the photo first') : weight === null ? t('请称重或输入重量', 'Weigh or type the weight') : t(`保存留样（${weight} 克）`, `Save the sample (${weight} g)`)}
        </Button>
      )}
    </section>
  );
}

function DueList({ due, onChanged }: { due: Due[]; onChanged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<Due | null>(null);
  const [reason, setReason] = useState('');
  const discard = async () => {
    try {
      await sampleApi.discard(open!.id, reason);
      message.success(t(`${open!.labelCode} 已销毁`, `${open!.labelCode} discarded`));
      setOpen(null);
      onChanged();
    } catch (e) {
      message.error(postingErrorText(e));
    }
  };
  return (
    <section style={card} aria-label={t('今日到期待销毁', 'Due for discard today')}>
      <div style={h2}>{t('今日到期待销毁', 'Due for discard today')} <span style={{ fontWeight: 400, color: '#8c8c8c' }}>{due.length}</span></div>
      {!due.length && <div style={{ color: '#8c8c8c' }}>{t('今天没有到期的留样', 'Nothing is due today')}</div>}
      {due.map((s) => (
        <div key={s.id} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <div style={{ fontWeight: 600 }}>{s.dishName} <span style={{ fontWeight: 400, color: '#8c8c8c' }}>{s.date.slice(5)} {mealLabel(s.meal)}</span></div>
            <div style={{ fontSize: 13, color: '#595959' }}>{s.labelCode}{s.slot ? ` · ${t(`${s.slot} 号格`, `slot ${s.slot}`)}` : ''}</div>
          </div>
          {s.ready
            ? <Button size="large" style={touch} onClick={() => { setReason(t('留样期满销毁', 'Kept its time, discarded')); setOpen(s); }}>{t('销毁', 'Discard')}</Button>
            : <span style={{ fontSize: 14, color: '#8c8c8c', textAlign: 'right' }}>{t(`${chinaTime(s.discardAfter, true)} 后`, `after ${chinaTime(s.discardAfter, true)}`)}</span>}
        </div>
      ))}
      <Modal open={!!open} title={open ? t(`销毁 ${open.labelCode}`, `Discard ${open.labelCode}`) : ''} onCancel={() => setOpen(null)} onOk={() => void discard()} okText={t('销毁', 'Discard')}
        okButtonProps={{ danger: true, size: 'large', disabled: reason.trim().length < 2 }} cancelButtonProps={{ size: 'large' }}>
        <Input.TextArea aria-label={t('销毁原因', 'Reason')} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={200} />
      </Modal>
    </section>
  );
}
