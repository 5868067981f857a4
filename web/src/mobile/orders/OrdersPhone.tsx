import { MinusOutlined, PlusOutlined, ShoppingOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Input, Spin } from 'antd';
import dayjs from 'dayjs';
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useMemo, useState } from 'react';
import { Route, Routes, useNavigate } from 'react-router-dom';
import { yuan } from '../../api.ts';
import { MEALS, mealLabel, t, useLang } from '../../i18n.ts';
import { newRequestKey, ORDER_KINDS, ORDER_STATUSES, orderApi, type Meal, type Offers, type Order } from '../../modules/order/api.ts';
import { useSession } from '../../session.tsx';
import { labelOf, tagOf } from '../../shell/labels.tsx';
import { card, ChoiceButtons, GREEN, PhoneShell, touch } from '../feedback/PhoneShell.tsx';

/** Cut-offs and expiries are China time whatever the phone's zone: shown as the canteen's clock reads them. */
const chinaIso = (ms: number) => new Date(ms + 8 * 3600_000).toISOString();
const when = (iso: string) => { const c = chinaIso(Date.parse(iso)); return dayjs(c.slice(0, 16)).format(t('M月D日 HH:mm', 'D MMM HH:mm')); };
const chinaToday = () => chinaIso(Date.now()).slice(0, 10);
const dayName = (date: string) => {
  const d = dayjs(date);
  const diff = d.diff(dayjs(chinaToday()), 'day');
  const rel = diff === 0 ? t('今天', 'Today') : diff === 1 ? t('明天', 'Tomorrow') : diff === 2 ? t('后天', 'In 2 days') : '';
  return `${rel ? `${rel} ` : ''}${d.format(t('M月D日', 'D MMM'))}`;
};

/** /m/orders — my orders with pickup codes; /m/orders/new orders takeout; /m/orders/unit requests a meeting or official meal. */
export function OrdersPhone() {
  useLang();
  return (
    <Routes>
      <Route index element={<MyOrders />} />
      <Route path="new" element={<NewTakeout />} />
      <Route path="unit" element={<UnitMealRequest />} />
    </Routes>
  );
}

function MyOrders() {
  const navigate = useNavigate();
  const [list, setList] = useState<Order[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => orderApi.mine().then(setList, (e: Error) => setError(e.message));
  useEffect(() => {
    void load();
    // A packed order shows its code without a reload.
    const timer = setInterval(() => void load(), 15_000);
    return () => clearInterval(timer);
  }, []);
  const replace = (o: Order) => setList((cur) => cur?.map((x) => (x.id === o.id ? o : x)) ?? null);
  return (
    <PhoneShell title={t('订餐', 'Orders')}>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 10, marginBottom: 12 }}>
        <Button type="primary" size="large" icon={<ShoppingOutlined />} onClick={() => navigate('/m/orders/new')} style={{ ...touch, fontSize: 17 }}>{t('订外卖', 'Order takeout')}</Button>
        <Button size="large" icon={<TeamOutlined />} onClick={() => navigate('/m/orders/unit')} style={{ ...touch, fontSize: 17 }}>{t('会议餐/公务餐', 'Meeting meal')}</Button>
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      {!list && !error && <Spin size="large" style={{ display: 'block', marginTop: 60 }} />}
      {list && !list.length && <Empty style={{ marginTop: 40 }} description={t('还没有订单', 'No orders yet')} />}
      <div style={{ display: 'grid', gap: 10 }}>
        {list?.map((o) => <OrderCard key={o.id} o={o} onChange={replace} />)}
      </div>
    </PhoneShell>
  );
}

function OrderCard({ o, onChange }: { o: Order; onChange: (o: Order) => void }) {
  const { message, modal } = App.useApp();
  const cancellable = ['paid', 'requested', 'approved'].includes(o.status) && new Date(o.closesAt) > new Date();
  const cancel = () => modal.confirm({
    title: t('取消这个订单？', 'Cancel this order?'),
    content: o.kind === 'takeout' ? t(`已付 ${yuan(o.dueFen)} 将原路退回就餐卡。`, `${yuan(o.dueFen)} goes back to your meal card.`) : undefined,
    okText: t('取消订单', 'Cancel order'), cancelText: t('不取消', 'Keep it'), okButtonProps: { danger: true, style: touch }, cancelButtonProps: { style: touch },
    onOk: async () => {
      try {
        onChange(await orderApi.cancel(o.id));
        message.success(t('已取消', 'Cancelled'));
      } catch (e) {
        message.error((e as Error).message);
      }
    },
  });
  return (
    <article data-testid={`order-${o.no}`} style={card}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <div style={{ fontWeight: 600, fontSize: 17 }}>{labelOf(ORDER_KINDS, o.kind)} · {dayName(o.date)} {mealLabel(o.meal)}</div>
        {tagOf(ORDER_STATUSES, o.status)}
      </div>
      <div style={{ color: '#666', fontSize: 14, marginTop: 2 }}>{o.canteenName} · {o.no}{o.pickupTime ? ` · ${t('取餐', 'pickup')} ${o.pickupTime}` : ''}</div>
      {o.kind === 'takeout'
        ? <div style={{ marginTop: 6, fontSize: 15 }}>{o.lines.map((l) => `${l.name}×${l.portions}`).join('、')} <b style={{ float: 'right' }}>{yuan(o.dueFen)}</b></div>
        : <div style={{ marginTop: 6, fontSize: 15 }}>{o.purpose} · {o.headcount} {t('人', 'people')} × {yuan(o.standardFen)} <b style={{ float: 'right' }}>{yuan(o.dueFen)}</b></div>}
      {o.status === 'ready' && o.pickupCode && (
        <section aria-label={t('取餐码', 'Pickup code')} style={{ marginTop: 12, padding: 12, borderRadius: 12, background: '#e6f2ee', textAlign: 'center' }}>
          <div style={{ fontSize: 15, color: GREEN }}>{t(`请到 ${o.locker?.name ?? '取餐柜'} 第 ${o.locker?.cell} 格取餐`, `Collect from ${o.locker?.name ?? 'the locker'}, cell ${o.locker?.cell}`)}</div>
          <div data-testid="pickup-code" style={{ fontSize: 40, fontWeight: 700, letterSpacing: 8, fontFamily: 'monospace', color: '#111' }}>{o.pickupCode}</div>
          <div style={{ display: 'inline-block', padding: 10, background: '#fff', borderRadius: 10 }}>
            <QRCodeSVG value={o.pickupCode} size={168} level="M" marginSize={0} />
          </div>
          {o.codeExpiresAt && <div style={{ fontSize: 14, color: '#555', marginTop: 6 }}>{t(`${when(o.codeExpiresAt)} 前有效`, `Valid until ${when(o.codeExpiresAt)}`)}</div>}
        </section>
      )}
      {o.status === 'no_show' && <div style={{ marginTop: 6, color: '#d4380d', fontSize: 14 }}>{o.refunded ? t('未取餐，已退款', 'Not picked up; refunded') : t('未取餐，按规定不退款', 'Not picked up; not refunded under the canteen’s rule')}</div>}
      {o.status === 'rejected' && <div style={{ marginTop: 6, color: '#d4380d', fontSize: 14 }}>{t('退回原因：', 'Reason: ')}{o.rejectReason}</div>}
      {o.status === 'cancelled' && o.refunded && <div style={{ marginTop: 6, color: '#666', fontSize: 14 }}>{t('已退款至就餐卡', 'Refunded to your meal card')}</div>}
      {cancellable && (
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 8 }}>
          <span style={{ fontSize: 13, color: '#888' }}>{t(`${when(o.closesAt)} 前可取消`, `Cancel until ${when(o.closesAt)}`)}</span>
          <Button onClick={cancel} style={{ ...touch, minWidth: 96 }}>{t('取消', 'Cancel')}</Button>
        </div>
      )}
    </article>
  );
}

/** Canteen, date and meal pickers shared by both forms. */
function useWhere() {
  const [canteens, setCanteens] = useState<{ id: number; name: string }[]>([]);
  const [canteenId, setCanteenId] = useState<number | undefined>();
  const days = useMemo(() => [0, 1, 2, 3].map((n) => dayjs(chinaToday()).add(n, 'day').format('YYYY-MM-DD')), []);
  const [date, setDate] = useState(days[Number(chinaIso(Date.now()).slice(11, 13)) >= 10 ? 1 : 0]!);
  const [meal, setMeal] = useState<Meal>('lunch');
  useEffect(() => {
    orderApi.canteens().then((list) => {
      setCanteens(list);
      setCanteenId((cur) => cur ?? (list.find((c) => c.id === Number(localStorage.getItem('orderCanteenId')))?.id ?? list[0]?.id));
    }, () => setCanteens([]));
  }, []);
  useEffect(() => { if (canteenId) localStorage.setItem('orderCanteenId', String(canteenId)); }, [canteenId]);
  const pickers = (
    <>
      <h2 style={{ fontSize: 16, margin: '4px 0 8px' }}>{t('食堂', 'Canteen')}</h2>
      <ChoiceButtons label={t('食堂', 'Canteen')} columns={2} value={canteenId} onChange={setCanteenId} options={canteens.map((c) => ({ value: c.id, label: c.name }))} />
      <h2 style={{ fontSize: 16, margin: '14px 0 8px' }}>{t('日期', 'Date')}</h2>
      <ChoiceButtons label={t('日期', 'Date')} columns={2} value={date} onChange={setDate} options={days.map((d) => ({ value: d, label: dayName(d) }))} />
      <h2 style={{ fontSize: 16, margin: '14px 0 8px' }}>{t('餐次', 'Meal')}</h2>
      <ChoiceButtons label={t('餐次', 'Meal')} columns={4} value={meal} onChange={setMeal} options={MEALS.map((m) => ({ value: m.value, label: t(m.zh, m.en) }))} />
    </>
  );
  return { canteenId, date, meal, pickers };
}

function Stepper({ value, onChange, max, label }: { value: number; onChange: (n: number) => void; max: number; label: string }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
      <Button aria-label={t(`减少 ${label}`, `Fewer ${label}`)} icon={<MinusOutlined />} disabled={value <= 0} onClick={() => onChange(value - 1)} style={{ ...touch, width: 48 }} />
      <span aria-live="polite" style={{ minWidth: 28, textAlign: 'center', fontSize: 18, fontWeight: 600 }}>{value}</span>
      <Button aria-label={t(`增加 ${label}`, `More ${label}`)} icon={<PlusOutlined />} disabled={value >= max} onClick={() => onChange(value + 1)} style={{ ...touch, width: 48 }} type={value ? 'primary' : 'default'} />
    </div>
  );
}

/**
 * Sends a form once per request key: on success it says so and goes back to the list; on failure it
 * shows why and takes a fresh key, so a corrected form is a new request.
 */
function useSend() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [requestKey, setRequestKey] = useState(newRequestKey);
  const send = async (f: (requestKey: string) => Promise<string>) => {
    setBusy(true);
    try {
      message.success(await f(requestKey));
      navigate('/m/orders');
    } catch (e) {
      message.error((e as Error).message);
      setRequestKey(newRequestKey());
    } finally {
      setBusy(false);
    }
  };
  return { busy, send };
}

function NewTakeout() {
  const { canteenId, date, meal, pickers } = useWhere();
  const [offers, setOffers] = useState<Offers | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [qty, setQty] = useState<Record<number, number>>({});
  const [pickupTime, setPickupTime] = useState<string | undefined>();
  const { busy, send } = useSend();
  useEffect(() => {
    if (!canteenId) return;
    setOffers(null);
    setQty({});
    setError(null);
    orderApi.offers(canteenId, date, meal).then(setOffers, (e: Error) => setError(e.message));
  }, [canteenId, date, meal]);
  const lines = Object.entries(qty).filter(([, n]) => n > 0).map(([dishId, portions]) => ({ dishId: Number(dishId), portions }));
  const total = lines.reduce((s, l) => s + (offers?.dishes.find((d) => d.dishId === l.dishId)?.priceFen ?? 0) * l.portions, 0);
  const times = { breakfast: ['07:30', '08:00', '08:30'], lunch: ['11:30', '12:00', '12:30'], dinner: ['17:30', '18:00', '18:30'], late: ['20:30', '21:00'] }[meal];
  const submit = () => canteenId && send(async (requestKey) => {
    const o = await orderApi.placeTakeout({ canteenId, date, meal, pickupTime, lines, requestKey });
    const charged = yuan(o.payment.fromCashFen + o.payment.fromSubsidyFen);
    return t(`下单成功，已扣款 ${charged}`, `Ordered; ${charged} charged`);
  });
  return (
    <PhoneShell title={t('订外卖', 'Order takeout')} back="/m/orders">
      <section style={card}>{pickers}</section>
      <section style={{ ...card, marginTop: 12 }} aria-label={t('菜品', 'Dishes')}>
        {error && <Alert type="error" showIcon title={error} />}
        {!offers && !error && <Spin style={{ display: 'block', margin: '20px auto' }} />}
        {offers && !offers.open && <Alert type="warning" showIcon title={t(`已于 ${when(offers.closesAt)} 截止订餐`, `Ordering closed at ${when(offers.closesAt)}`)} />}
        {offers && offers.open && <div style={{ fontSize: 14, color: '#666', marginBottom: 8 }}>{t(`${when(offers.closesAt)} 截止订餐`, `Order by ${when(offers.closesAt)}`)}</div>}
        {offers && !offers.dishes.length && <Empty description={t('这一餐没有外卖供应', 'No takeout offered for this meal')} />}
        {offers?.dishes.map((d) => (
          <div key={d.dishId} style={{ display: 'flex', alignItems: 'center', gap: 10, padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
            {d.hasPhoto ? <img src={`/api/dishes/${d.dishId}/photo`} alt="" style={{ width: 56, height: 56, objectFit: 'cover', borderRadius: 8 }} /> : <div style={{ width: 56, height: 56, borderRadius: 8, background: '#f0f0f0' }} />}
            <div style={{ flex: 1, minWidth: 0 }}>
              <div style={{ fontSize: 17, fontWeight: 600 }}>{t(d.name, d.nameEn ?? d.name)}</div>
              <div style={{ fontSize: 14, color: '#666' }}>{yuan(d.priceFen)} · {t(`剩 ${d.left} 份`, `${d.left} left`)}</div>
            </div>
            <Stepper label={d.name} value={qty[d.dishId] ?? 0} max={Math.min(d.left, 20)} onChange={(n) => setQty((q) => ({ ...q, [d.dishId]: n }))} />
          </div>
        ))}
      </section>
      {offers?.open && !!offers.dishes.length && (
        <section style={{ ...card, marginTop: 12 }}>
          <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>{t('取餐时间（可选）', 'Pickup time (optional)')}</h2>
          <ChoiceButtons label={t('取餐时间', 'Pickup time')} columns={times.length} value={pickupTime} onChange={(v) => setPickupTime(v === pickupTime ? undefined : v)} options={times.map((x) => ({ value: x, label: x }))} />
        </section>
      )}
      <div style={{ position: 'sticky', bottom: 0, marginTop: 12, padding: '10px 0', background: '#f4f6f5', display: 'flex', gap: 10, alignItems: 'center' }}>
        <div style={{ flex: 1, fontSize: 15 }}>{t('合计', 'Total')} <b style={{ fontSize: 22, color: GREEN }}>{yuan(total)}</b><div style={{ fontSize: 12, color: '#888' }}>{t('按就餐类别价格与补贴从就餐卡扣款', 'Charged to your meal card by your category’s price and subsidy')}</div></div>
        <Button type="primary" size="large" disabled={!lines.length || !offers?.open} loading={busy} onClick={() => void submit()} style={{ ...touch, minWidth: 140, fontSize: 18 }}>{t('付款下单', 'Pay and order')}</Button>
      </div>
    </PhoneShell>
  );
}

function UnitMealRequest() {
  const { me } = useSession();
  const { canteenId, date, meal, pickers } = useWhere();
  const [kind, setKind] = useState<'meeting' | 'official'>('meeting');
  const [headcount, setHeadcount] = useState(10);
  const [purpose, setPurpose] = useState('');
  const [contact, setContact] = useState(me?.user.name ?? '');
  const [phone, setPhone] = useState('');
  const [standard, setStandard] = useState<number | null>(null);
  const { busy, send } = useSend();
  const unitId = me?.user.orgId;
  useEffect(() => { if (unitId) orderApi.standard(unitId).then((s) => setStandard(s.standardFen), () => setStandard(null)); }, [unitId]);
  const submit = () => canteenId && send(async (requestKey) => {
    await orderApi.requestUnitMeal({ canteenId, kind, date, meal, headcount, purpose, contact, phone, requestKey });
    return t('已提交，等待审批', 'Sent for approval');
  });
  return (
    <PhoneShell title={t('会议餐/公务餐申请', 'Meeting or official meal')} back="/m/orders">
      <section style={card}>
        <ChoiceButtons label={t('类型', 'Kind')} columns={2} value={kind} onChange={setKind} options={ORDER_KINDS.filter((k) => k.value !== 'takeout').map((k) => ({ value: k.value, label: t(k.zh, k.en) }))} />
        <div style={{ marginTop: 12 }}>{pickers}</div>
        <div style={{ fontSize: 13, color: '#888', marginTop: 8 }}>{t('会议餐/公务餐须提前一天 16:00 前申请', 'Request by 16:00 the day before')}</div>
      </section>
      <section style={{ ...card, marginTop: 12, display: 'grid', gap: 10 }}>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
          <span style={{ fontSize: 16 }}>{t('人数', 'People')}</span>
          <Stepper label={t('人数', 'people')} value={headcount} max={500} onChange={(n) => setHeadcount(Math.max(1, n))} />
        </div>
        <Input size="large" placeholder={t('用途，如：预算评审会', 'Purpose, e.g. budget review')} value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={200} style={touch} />
        <Input size="large" placeholder={t('联系人', 'Contact')} value={contact} onChange={(e) => setContact(e.target.value)} maxLength={40} style={touch} />
        <Input size="large" placeholder={t('联系电话', 'Phone')} value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={30} inputMode="tel" style={touch} />
        <div style={{ fontSize: 15 }}>{t('餐标', 'Standard')} {yuan(standard)} / {t('人', 'person')} · {t('预计', 'about')} <b style={{ color: GREEN }}>{yuan(standard === null ? null : standard * headcount)}</b>，{t('出餐后记入本单位月结', 'billed to your unit’s monthly statement when served')}</div>
      </section>
      <Button type="primary" size="large" block loading={busy} disabled={!purpose.trim() || !contact.trim()} onClick={() => void submit()} style={{ ...touch, marginTop: 12, fontSize: 18 }}>{t('提交申请', 'Send request')}</Button>
    </PhoneShell>
  );
}
