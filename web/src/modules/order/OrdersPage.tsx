import { CheckOutlined, InboxOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Empty, InputNumber, Radio, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Route, Routes, useNavigate, useSearchParams } from 'react-router-dom';
import { yuan } from '../../api.ts';
import { MEALS, mealLabel, t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { labelOf, tagOf } from '../../shell/labels.tsx';
import { PrintSheet } from '../../shell/PrintSheet.tsx';
import { ORDER_KINDS, ORDER_STATUSES, orderApi, type LockerBoard, type Meal, type Offers, type Order, type Production, type Rules } from './api.ts';

const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
/** China time, as the canteen's clock reads it. */
const hm = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ') : '—');

/** /orders — the canteen's orders of a day, the kitchen's production list, the lockers and the takeout offers. */
export function OrdersPage() {
  useLang();
  const { canteenId, can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'orders';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : todayInChina();
  const meal = (MEALS.some((m) => m.value === params.get('meal')) ? params.get('meal') : 'lunch') as Meal;
  const set = (k: string, v: string) => setParams((p) => { const n = new URLSearchParams(p); n.set(k, v); return n; }, { replace: true });
  if (!canteenId) return <Empty description={t('请先选择食堂', 'Choose a canteen first')} />;
  return (
    <Routes>
      <Route path="production/print" element={<ProductionPrint canteenId={canteenId} date={date} meal={meal} />} />
      <Route path="*" element={
        <div>
          <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap', marginBottom: 8 }}>
            <Typography.Title level={3} style={{ margin: 0 }}>{t('订餐与取餐柜', 'Orders and lockers')}</Typography.Title>
            <Space style={{ marginLeft: 'auto' }} wrap>
              <DatePicker size="large" allowClear={false} aria-label={t('日期', 'Date')} value={dayjs(date)} onChange={(d) => d && set('date', d.format('YYYY-MM-DD'))} />
              <Radio.Group size="large" value={meal} onChange={(e) => set('meal', e.target.value)} optionType="button"
                options={MEALS.map((m) => ({ value: m.value, label: t(m.zh, m.en) }))} />
            </Space>
          </div>
          <Tabs activeKey={tab} onChange={(k) => set('tab', k)} size="large" destroyOnHidden items={[
            { key: 'orders', label: t('当日订单', 'Orders of the day'), children: <DayOrders canteenId={canteenId} date={date} meal={meal} /> },
            { key: 'production', label: t('备餐单', 'Production list'), children: <ProductionTab canteenId={canteenId} date={date} meal={meal} /> },
            { key: 'lockers', label: t('取餐柜', 'Lockers'), children: <LockersTab canteenId={canteenId} /> },
            ...(can('order.offer.write') ? [{ key: 'offers', label: t('外卖供应与规则', 'Takeout offers and rules'), children: <OffersTab canteenId={canteenId} date={date} meal={meal} /> }] : []),
          ]} />
        </div>
      } />
    </Routes>
  );
}

function DayOrders({ canteenId, date, meal }: { canteenId: number; date: string; meal: Meal }) {
  const { message, modal } = App.useApp();
  const { can } = useSession();
  const [rows, setRows] = useState<Order[] | null>(null);
  const load = () => { orderApi.day(canteenId, date, meal).then(setRows, (e: Error) => { setRows([]); message.error(e.message); }); };
  useEffect(load, [canteenId, date, meal]);
  const act = async (f: () => Promise<Order>, done: string) => {
    try {
      const o = await f();
      setRows((cur) => cur?.map((x) => (x.id === o.id ? o : x)) ?? null);
      message.success(done);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const serve = (o: Order) => {
    let n = o.headcount;
    modal.confirm({
      title: t(`${o.no} 出餐并记入 ${o.unitName} 账`, `Serve ${o.no} and bill ${o.unitName}`),
      content: <Space>{t('实际人数', 'People served')}<InputNumber min={1} max={500} defaultValue={o.headcount} onChange={(v) => { n = Number(v) || o.headcount; }} /> × {yuan(o.standardFen)}</Space>,
      onOk: () => act(() => orderApi.serve(o.id, n), t('已出餐并记账', 'Served and billed')),
    });
  };
  return (
    <Table<Order> rowKey="id" loading={!rows} dataSource={rows ?? []} pagination={false} size="middle"
      title={() => <Button icon={<ReloadOutlined />} onClick={load}>{t('刷新', 'Refresh')}</Button>}
      columns={[
        { title: t('单号', 'No.'), dataIndex: 'no', width: 170 },
        { title: t('类型', 'Kind'), dataIndex: 'kind', width: 90, render: (k: string) => tagOf(ORDER_KINDS, k) },
        { title: t('订餐人', 'Ordered by'), render: (_, o) => <>{o.personName}<div style={{ color: '#888', fontSize: 12 }}>{o.unitName}</div></> },
        { title: t('内容', 'Items'), render: (_, o) => (o.kind === 'takeout' ? o.lines.map((l) => `${l.name}×${l.portions}`).join('、') : `${o.purpose} · ${o.headcount}${t('人', ' people')}`) },
        { title: t('取餐/用餐时间', 'Pickup time'), dataIndex: 'pickupTime', width: 110, render: (v: string | null) => v ?? '—' },
        { title: t('金额', 'Amount'), dataIndex: 'dueFen', align: 'right', width: 100, render: (v: number) => yuan(v) },
        { title: t('状态', 'Status'), dataIndex: 'status', width: 130, render: (s: string, o) => <>{tagOf(ORDER_STATUSES, s)}{o.locker && o.status === 'ready' && <div style={{ fontSize: 12, color: '#888' }}>{o.locker.name} #{o.locker.cell}</div>}</> },
        { title: t('操作', 'Actions'), width: 150, render: (_, o) => can('order.order.write') && (
          o.kind === 'takeout' && o.status === 'paid' ? <Button type="primary" icon={<InboxOutlined />} onClick={() => void act(() => orderApi.ready(o.id), t('已放入取餐柜，取餐码已发给订餐人', 'In the locker; the diner has the pickup code'))}>{t('备好入柜', 'Ready → locker')}</Button>
          : o.kind !== 'takeout' && o.status === 'approved' ? <Button type="primary" icon={<CheckOutlined />} onClick={() => serve(o)}>{t('出餐记账', 'Serve & bill')}</Button> : null) },
      ]} />
  );
}

function ProductionView({ p }: { p: Production }) {
  return (
    <>
      <table className="ps-table" style={{ width: '100%', borderCollapse: 'collapse', marginBottom: 12 }}>
        <thead><tr><th style={th}>{t('菜品', 'Dish')}</th><th style={th}>{t('份数', 'Portions')}</th><th style={th}>{t('订单数', 'Orders')}</th></tr></thead>
        <tbody>
          {p.dishes.map((d) => <tr key={d.dishId}><td style={td}>{d.name}</td><td style={{ ...td, textAlign: 'right' }} className="num">{d.portions}</td><td style={{ ...td, textAlign: 'right' }} className="num">{d.orders}</td></tr>)}
          {!p.dishes.length && <tr><td style={td} colSpan={3}>{t('没有外卖菜品', 'No takeout dishes')}</td></tr>}
        </tbody>
      </table>
      {!!p.unitMeals.length && (
        <table style={{ width: '100%', borderCollapse: 'collapse', marginBottom: 12 }}>
          <thead><tr><th style={th}>{t('会议餐/公务餐', 'Meeting / official')}</th><th style={th}>{t('单位', 'Unit')}</th><th style={th}>{t('人数', 'People')}</th><th style={th}>{t('餐标', 'Standard')}</th><th style={th}>{t('时间', 'Time')}</th><th style={th}>{t('联系人', 'Contact')}</th></tr></thead>
          <tbody>{p.unitMeals.map((u) => <tr key={u.id}><td style={td}>{u.no} {u.purpose}</td><td style={td}>{u.unitName}</td><td style={{ ...td, textAlign: 'right' }} className="num">{u.headcount}</td><td style={{ ...td, textAlign: 'right' }} className="num">{yuan(u.standardFen)}</td><td style={td}>{u.pickupTime ?? '—'}</td><td style={td}>{u.contact} {u.phone}</td></tr>)}</tbody>
        </table>
      )}
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <thead><tr><th style={th}>{t('取餐时间', 'Pickup')}</th><th style={th}>{t('单号', 'No.')}</th><th style={th}>{t('订餐人', 'By')}</th><th style={th}>{t('内容', 'Items')}</th></tr></thead>
        <tbody>{p.orders.map((o) => <tr key={o.id}><td style={td}>{o.pickupTime ?? '—'}</td><td style={td}>{o.no}</td><td style={td}>{o.personName || o.unitName}</td><td style={td}>{o.kind === 'takeout' ? o.lines.map((l) => `${l.name}×${l.portions}`).join('、') : `${labelOf(ORDER_KINDS, o.kind)} ${o.headcount}${t('人', ' people')}`}{o.note ? `（${o.note}）` : ''}</td></tr>)}</tbody>
      </table>
    </>
  );
}
const th = { border: '1px solid #ccc', padding: '6px 8px', background: '#fafafa', textAlign: 'left' } as const;
const td = { border: '1px solid #ddd', padding: '6px 8px' } as const;

function ProductionTab({ canteenId, date, meal }: { canteenId: number; date: string; meal: Meal }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [p, setP] = useState<Production | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setP(null); orderApi.production(canteenId, date, meal).then(setP, (e: Error) => setError(e.message)); }, [canteenId, date, meal]);
  if (error) return <Typography.Text type="danger">{error}</Typography.Text>;
  if (!p) return null;
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Tag color="blue" style={{ fontSize: 14 }}>{t(`外卖 ${p.totals.takeoutOrders} 单 · ${p.totals.portions} 份`, `${p.totals.takeoutOrders} takeout orders · ${p.totals.portions} portions`)}</Tag>
        <Tag color="purple" style={{ fontSize: 14 }}>{t(`会议/公务 ${p.totals.unitMealPeople} 人`, `${p.totals.unitMealPeople} meeting/official diners`)}</Tag>
        <Button icon={<PrinterOutlined />} onClick={() => navigate(`/orders/production/print?${params.toString()}`)}>{t('打印备餐单', 'Print')}</Button>
      </Space>
      <ProductionView p={p} />
    </div>
  );
}

function ProductionPrint({ canteenId, date, meal }: { canteenId: number; date: string; meal: Meal }) {
  const [params] = useSearchParams();
  const [p, setP] = useState<Production | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { orderApi.production(canteenId, date, meal).then(setP, (e: Error) => setError(e.message)); }, [canteenId, date, meal]);
  return (
    <PrintSheet title={p && `${t('备餐单', 'Production list')} ${date} ${mealLabel(meal)}`} backTo={`/orders?${params.toString()}`} ready={!!p} error={error}>
      {p && (
        <>
          <h1>{t('备餐单', 'Production list')}</h1>
          <div className="ps-meta"><div>{t('食堂', 'Canteen')}：{p.canteenName}</div><div>{t('日期', 'Date')}：{date} {mealLabel(meal)}</div>
            <div>{t('外卖', 'Takeout')}：{p.totals.takeoutOrders} {t('单', 'orders')} / {p.totals.portions} {t('份', 'portions')}</div><div>{t('会议/公务', 'Meeting/official')}：{p.totals.unitMealPeople} {t('人', 'people')}</div></div>
          <ProductionView p={p} />
          <div className="ps-sign"><div>{t('厨师长', 'Head chef')}：</div><div>{t('打包', 'Packed by')}：</div><div>{t('核对', 'Checked by')}：</div></div>
        </>
      )}
    </PrintSheet>
  );
}

function LockersTab({ canteenId }: { canteenId: number }) {
  const { message } = App.useApp();
  const { can } = useSession();
  const [list, setList] = useState<LockerBoard[] | null>(null);
  const load = () => { orderApi.lockers(canteenId).then(setList, (e: Error) => { setList([]); message.error(e.message); }); };
  useEffect(() => {
    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [canteenId]);
  if (list && !list.length) return <Empty description={t('还没有取餐柜：请在“设备”中登记类型为取餐柜的设备', 'No lockers yet: register a device of kind locker under Devices')} />;
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      {list?.map((l) => (
        <section key={l.id} aria-label={l.name} style={{ border: '1px solid #eee', borderRadius: 8, padding: 12 }}>
          <Space style={{ marginBottom: 8 }} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>{l.name} <Typography.Text type="secondary">{l.code}</Typography.Text></Typography.Title>
            <Tag>{t(`空闲 ${l.cellStates.filter((c) => !c.order).length} / ${l.cells} 格`, `${l.cellStates.filter((c) => !c.order).length} of ${l.cells} cells free`)}</Tag>
            <Typography.Text type="secondary">{t('最近在线', 'Last seen')} {hm(l.lastSeenAt)}</Typography.Text>
            {can('order.offer.write') && <span>{t('格口数', 'Cells')} <InputNumber min={1} max={200} defaultValue={l.cells} onBlur={(e) => {
              const n = Number(e.target.value);
              if (n && n !== l.cells) orderApi.setCells(l.id, n).then(setList, (err: Error) => message.error(err.message));
            }} style={{ width: 80 }} /></span>}
          </Space>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))', gap: 8 }}>
            {l.cellStates.map((c) => (
              <Tooltip key={c.cell} title={c.order ? `${c.order.no} · ${t('有效至', 'valid to')} ${hm(c.order.codeExpiresAt)}` : undefined}>
                <div data-testid={`cell-${l.code}-${c.cell}`} style={{ borderRadius: 6, padding: 8, minHeight: 64, border: `2px solid ${c.doorOpen ? '#fa8c16' : c.order ? (c.order.expired ? '#f5222d' : '#52c41a') : '#d9d9d9'}`, background: c.order ? (c.order.expired ? '#fff1f0' : '#f6ffed') : '#fafafa' }}>
                  <div style={{ fontWeight: 600 }}>#{c.cell} {c.doorOpen && <Tag color="orange">{t('门开', 'open')}</Tag>}</div>
                  <div style={{ fontSize: 12, color: '#555' }}>{c.order ? <>{c.order.personName}<br />{c.order.no}</> : t('空闲', 'free')}</div>
                </div>
              </Tooltip>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

function OffersTab({ canteenId, date, meal }: { canteenId: number; date: string; meal: Meal }) {
  const { message } = App.useApp();
  const [offers, setOffers] = useState<Offers | null>(null);
  const [limits, setLimits] = useState<Record<number, number>>({});
  const [rules, setRules] = useState<Rules | null>(null);
  useEffect(() => {
    orderApi.offers(canteenId, date, meal).then((o) => { setOffers(o); setLimits(Object.fromEntries(o.dishes.map((d) => [d.dishId, d.limit]))); }, (e: Error) => message.error(e.message));
    orderApi.rules(canteenId).then(setRules, () => setRules(null));
  }, [canteenId, date, meal]);
  const save = async () => {
    try {
      const o = await orderApi.setOffers({ canteenId, date, meal, dishes: Object.entries(limits).filter(([id, v]) => v > 0 || (offers?.dishes.find((d) => d.dishId === Number(id))?.limit ?? 0) > 0).map(([dishId, limit]) => ({ dishId: Number(dishId), limit })) });
      setOffers(o);
      message.success(t('已保存外卖供应', 'Takeout offers saved'));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const saveRules = async () => {
    if (!rules) return;
    try {
      setRules(await orderApi.setRules(rules));
      message.success(t('已保存订餐规则', 'Ordering rules saved'));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  if (!offers) return null;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 24 }}>
      <div>
        {!offers.published && <Typography.Text type="warning">{t('该餐菜单尚未发布，发布后才能供应外卖。', 'This meal’s menu is not published yet.')}</Typography.Text>}
        <Table rowKey="dishId" dataSource={offers.dishes} pagination={false} size="middle" columns={[
          { title: t('菜品', 'Dish'), dataIndex: 'name' },
          { title: t('价格', 'Price'), dataIndex: 'priceFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('外卖限量（份）', 'Takeout limit'), render: (_, d) => <InputNumber min={d.ordered} max={5000} value={limits[d.dishId] ?? 0} onChange={(v) => setLimits((l) => ({ ...l, [d.dishId]: Number(v) || 0 }))} aria-label={`${d.name} ${t('限量', 'limit')}`} /> },
          { title: t('已订', 'Ordered'), dataIndex: 'ordered', align: 'right' },
        ]} />
        <Button type="primary" size="large" onClick={() => void save()} style={{ marginTop: 12 }}>{t('保存外卖供应', 'Save offers')}</Button>
      </div>
      {rules && (
        <div>
          <Typography.Title level={5}>{t('订餐规则', 'Ordering rules')}</Typography.Title>
          <table style={{ borderCollapse: 'collapse', width: '100%' }}><tbody>
            {MEALS.map((m) => (
              <tr key={m.value}><td style={td}>{t(`${m.zh}外卖截止`, `${m.en} takeout closes`)}</td><td style={td}>
                <Select value={rules.takeoutCutoffs[m.value].daysBefore} style={{ width: 96 }} options={[{ value: 0, label: t('当天', 'same day') }, { value: 1, label: t('前一天', 'day before') }]}
                  onChange={(v) => setRules({ ...rules, takeoutCutoffs: { ...rules.takeoutCutoffs, [m.value]: { ...rules.takeoutCutoffs[m.value], daysBefore: v } } })} />
                <input type="time" value={rules.takeoutCutoffs[m.value].time} onChange={(e) => setRules({ ...rules, takeoutCutoffs: { ...rules.takeoutCutoffs, [m.value]: { ...rules.takeoutCutoffs[m.value], time: e.target.value } } })} style={{ marginLeft: 8, height: 32 }} />
              </td></tr>
            ))}
            <tr><td style={td}>{t('会议餐/公务餐截止', 'Meeting meals close')}</td><td style={td}>{t(`提前 ${rules.meetingCutoff.daysBefore} 天`, `${rules.meetingCutoff.daysBefore} day(s) before`)} <input type="time" value={rules.meetingCutoff.time} onChange={(e) => setRules({ ...rules, meetingCutoff: { ...rules.meetingCutoff, time: e.target.value } })} style={{ height: 32 }} /></td></tr>
            <tr><td style={td}>{t('取餐码有效（餐后小时）', 'Code valid (hours after meal)')}</td><td style={td}><InputNumber min={1} max={24} value={rules.pickupHours} onChange={(v) => setRules({ ...rules, pickupHours: Number(v) || 2 })} /></td></tr>
            <tr><td style={td}>{t('未取餐', 'No-show')}</td><td style={td}><Radio.Group value={rules.noShowRule} onChange={(e) => setRules({ ...rules, noShowRule: e.target.value })} options={[{ value: 'forfeit', label: t('不退款', 'forfeit') }, { value: 'refund', label: t('退款', 'refund') }]} /></td></tr>
            <tr><td style={td}>{t('30 天内未取餐次数达', 'No-shows in 30 days')}</td><td style={td}><InputNumber min={1} max={30} value={rules.noShowLimit} onChange={(v) => setRules({ ...rules, noShowLimit: Number(v) || 3 })} /> {t('次，暂停外卖', 'then block for')} <InputNumber min={1} max={90} value={rules.blockDays} onChange={(v) => setRules({ ...rules, blockDays: Number(v) || 7 })} /> {t('天', 'days')}</td></tr>
          </tbody></table>
          <Button onClick={() => void saveRules()} style={{ marginTop: 12 }}>{t('保存规则', 'Save rules')}</Button>
        </div>
      )}
    </div>
  );
}
