import { CameraOutlined, DeleteOutlined, MobileOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, DatePicker, Descriptions, Drawer, Empty, Form, Image, Input, InputNumber, Modal, Space, Spin, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { mealLabel, t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { Chart } from '../report/chart.tsx';
import { chinaTime, photoUrl, sampleApi, STATUS, todayInChina, type Cabinet, type Day, type DishRow, type HistoryDay, type Sample, type Settings } from './api.ts';

/** /samples — 留样: today's meals × dishes (kept, light, missing), history by date, and the sample cabinets. */
export function SamplesPage() {
  useLang();
  const { canteenId, can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'day';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : todayInChina();
  const set = (k: string, v: string) => setParams((p) => { const n = new URLSearchParams(p); n.set(k, v); return n; }, { replace: true });
  const [settingsOpen, setSettingsOpen] = useState(false);
  if (!canteenId) return <Empty description={t('请先选择食堂', 'Choose a canteen first')} />;
  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap', marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('留样', 'Food samples')}</Typography.Title>
        <Typography.Text type="secondary">{t('每餐每道菜留样，冷藏 0–8 °C 保存，到期销毁', 'A sample of every dish of every meal, chilled at 0–8 °C, discarded when its time is up')}</Typography.Text>
        <Space style={{ marginLeft: 'auto' }} wrap>
          <DatePicker size="large" allowClear={false} aria-label={t('日期', 'Date')} value={dayjs(date)} disabledDate={(d) => d.isAfter(dayjs().add(7, 'day'))}
            onChange={(d) => { if (d) { set('date', d.format('YYYY-MM-DD')); set('tab', 'day'); } }} />
          {can('sample.sample.write') && <Link to="/m/samples"><Button size="large" icon={<MobileOutlined />}>{t('手机留样', 'Phone page')}</Button></Link>}
          {can('sample.setting.manage') && <Button size="large" icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)}>{t('留样规则', 'Rule')}</Button>}
        </Space>
      </div>
      <Tabs activeKey={tab} onChange={(k) => set('tab', k)} size="large" destroyOnHidden items={[
        { key: 'day', label: date === todayInChina() ? t('今日留样', "Today's samples") : t(`${date} 留样`, `Samples of ${date}`), children: <DayGrid canteenId={canteenId} date={date} /> },
        { key: 'history', label: t('历史记录', 'History'), children: <HistoryTab canteenId={canteenId} onPick={(d) => { set('date', d); set('tab', 'day'); }} /> },
        { key: 'cabinet', label: t('留样柜', 'Sample cabinet'), children: <CabinetTab canteenId={canteenId} /> },
      ]} />
      {settingsOpen && <SettingsModal canteenId={canteenId} onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}

function DayGrid({ canteenId, date }: { canteenId: number; date: string }) {
  const { message } = App.useApp();
  const [day, setDay] = useState<Day | null>(null);
  const [open, setOpen] = useState<{ meal: string; dish: DishRow } | null>(null);
  const load = () => { sampleApi.day(canteenId, date).then(setDay, (e: Error) => message.error(e.message)); };
  useEffect(() => { setDay(null); load(); }, [canteenId, date]);
  if (!day) return <Spin size="large" />;
  const s = day.summary;
  return (
    <div>
      <Space wrap size="middle" style={{ marginBottom: 12 }} aria-label={t('当日汇总', 'Summary of the day')}>
        <Summary label={t('应留样菜品', 'Dishes')} value={s.dishes} color="#262626" />
        <Summary label={t('已留样', 'Kept')} value={s.kept} color={STATUS.kept.color} />
        <Summary label={t('重量不足', 'Light')} value={s.light} color={STATUS.light.color} />
        <Summary label={t('未留样', 'Missing')} value={s.missing} color={STATUS.missing.color} />
        <Summary label={t('提前取出', 'Removed early')} value={s.early} color={STATUS.early.color} />
        <Summary label={t('待留样', 'To keep')} value={s.due} color={STATUS.due.color} />
        <Typography.Text type="secondary">
          {t(`规则：每道菜不少于 ${day.settings.minGrams} 克，保存 ${day.settings.keepHours} 小时；餐次结束 ${day.settings.graceMinutes} 分钟后未留样即预警`,
            `Rule: at least ${day.settings.minGrams} g per dish, kept ${day.settings.keepHours} h; a dish without a sample ${day.settings.graceMinutes} min after its meal alerts`)}
          {!day.settings.required && <Tag color="default" style={{ marginLeft: 8 }}>{t('本食堂未要求留样', 'Not required here')}</Tag>}
        </Typography.Text>
        <Button icon={<ReloadOutlined />} onClick={load}>{t('刷新', 'Refresh')}</Button>
      </Space>
      {!day.meals.length && <Empty description={t('这一天没有已发布的菜单', 'No published menu on this day')} />}
      {day.meals.map((m) => (
        <Card key={m.meal} size="small" style={{ marginBottom: 12 }}
          title={<Space><span style={{ fontSize: 18 }}>{mealLabel(m.meal)}</span><Typography.Text type="secondary" style={{ fontWeight: 400 }}>{t(`供餐至 ${chinaTime(m.endsAt, true)}，${chinaTime(m.dueAt, true)} 前须全部留样`, `served until ${chinaTime(m.endsAt, true)}; every sample due by ${chinaTime(m.dueAt, true)}`)}</Typography.Text></Space>}>
          <div role="list" aria-label={mealLabel(m.meal)} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(210px, 1fr))', gap: 10 }}>
            {m.dishes.map((d) => <DishTile key={d.dishId} dish={d} onOpen={() => setOpen({ meal: m.meal, dish: d })} />)}
          </div>
        </Card>
      ))}
      <Drawer open={!!open} onClose={() => setOpen(null)} size={520} title={open && `${mealLabel(open.meal)} · ${open.dish.dishName}`}>
        {open && <DishSamples dish={open.dish} onChanged={() => { setOpen(null); load(); }} />}
      </Drawer>
    </div>
  );
}

function Summary({ label, value, color }: { label: string; value: number; color: string }) {
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '6px 14px', background: '#fff', minWidth: 96 }}>
      <div style={{ fontSize: 13, color: '#8c8c8c' }}>{label}</div>
      <div style={{ fontSize: 26, fontWeight: 700, color, fontVariantNumeric: 'tabular-nums' }}>{value}</div>
    </div>
  );
}

function DishTile({ dish, onOpen }: { dish: DishRow; onOpen: () => void }) {
  const s = STATUS[dish.status];
  const x = dish.sample;
  return (
    <button type="button" role="listitem" onClick={onOpen} aria-label={`${dish.dishName} ${t(s.zh, s.en)}`}
      style={{ textAlign: 'left', cursor: 'pointer', border: `2px solid ${s.color}`, background: s.bg, borderRadius: 10, padding: 10, display: 'flex', gap: 10, minHeight: 88 }}>
      {x?.hasPhoto ? <img src={photoUrl(x.id)} alt="" width={64} height={48} style={{ objectFit: 'cover', borderRadius: 6, flex: 'none' }} />
        : <div style={{ width: 64, height: 48, borderRadius: 6, background: '#fff', display: 'grid', placeItems: 'center', color: '#bfbfbf', flex: 'none' }}><CameraOutlined /></div>}
      <div style={{ minWidth: 0, flex: 1 }}>
        <div style={{ fontWeight: 600, fontSize: 15, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{dish.dishName}{dish.offMenu && <Tag style={{ marginLeft: 4 }}>{t('菜单外', 'off menu')}</Tag>}</div>
        <div style={{ color: s.color, fontWeight: 600 }}>
          {x ? `${x.grams} g` : t(s.zh, s.en)}
          {x && dish.status !== 'kept' && <span style={{ marginLeft: 6 }}>{t(s.zh, s.en)}</span>}
          {dish.samples.length > 1 && <span style={{ color: '#8c8c8c', fontWeight: 400, marginLeft: 6 }}>{t(`共 ${dish.samples.length} 份`, `${dish.samples.length} boxes`)}</span>}
        </div>
        {x && <div style={{ fontSize: 12, color: '#595959' }}>{chinaTime(x.keptAt, true)} · {x.keeperName ?? '—'}{x.slot ? ` · ${t(`${x.slot}号格`, `slot ${x.slot}`)}` : ''}</div>}
      </div>
    </button>
  );
}

function DishSamples({ dish, onChanged }: { dish: DishRow; onChanged: () => void }) {
  const { can } = useSession();
  if (!dish.samples.length) {
    return <Empty description={<>{t('这道菜还没有留样。', 'No sample of this dish yet.')}<br />{can('sample.sample.write') && <Link to="/m/samples">{t('在手机上留样 →', 'Keep one on the phone →')}</Link>}</>} />;
  }
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {dish.samples.map((s) => <SampleCard key={s.id} sample={s} onChanged={onChanged} />)}
    </Space>
  );
}

function SampleCard({ sample: s, onChanged }: { sample: Sample; onChanged: () => void }) {
  const { message } = App.useApp();
  const { can } = useSession();
  const [discarding, setDiscarding] = useState(false);
  const [reason, setReason] = useState('');
  const early = Date.now() < Date.parse(s.discardAfter);
  const discard = async () => {
    try {
      await sampleApi.discard(s.id, reason);
      message.success(t('已销毁', 'Discarded'));
      setDiscarding(false);
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card size="small" title={<Space><span style={{ fontFamily: 'monospace' }}>{s.labelCode}</span>
      {s.light && <Tag color="orange">{t('重量不足', 'Light')}</Tag>}
      {s.status === 'discarded' ? <Tag color={s.early ? 'magenta' : 'default'}>{s.early ? t('提前销毁', 'Discarded early') : t('已销毁', 'Discarded')}</Tag>
        : s.status === 'removed' ? <Tag color="magenta">{t('已从柜中取出', 'Out of the cabinet')}</Tag> : <Tag color="green">{t('保存中', 'Kept')}</Tag>}</Space>}>
      {s.hasPhoto ? <Image src={photoUrl(s.id)} alt={t('留样照片', 'Sample photo')} width="100%" style={{ borderRadius: 8, marginBottom: 8 }} />
        : <Typography.Paragraph type="warning">{t('没有照片', 'No photo')}</Typography.Paragraph>}
      <Descriptions size="small" column={1} items={[
        { key: 'g', label: t('重量', 'Weight'), children: <>{s.grams} g <Typography.Text type="secondary">（{s.weighedBy === 'cabinet' ? t('留样柜称重', 'weighed by the cabinet') : t('手工录入', 'typed')}，{t(`不少于 ${s.minGrams} g`, `min ${s.minGrams} g`)}）</Typography.Text></> },
        { key: 'k', label: t('留样时间', 'Kept at'), children: chinaTime(s.keptAt) },
        { key: 'p', label: t('留样人', 'Keeper'), children: s.keeperName ?? '—' },
        { key: 'c', label: t('存放位置', 'Where'), children: s.deviceCode ? `${s.deviceCode} · ${t(`${s.slot} 号格`, `slot ${s.slot}`)}` : t('未放入智能留样柜', 'not in a smart cabinet') },
        { key: 'a', label: t('可销毁时间', 'Discard after'), children: chinaTime(s.discardAfter) },
        ...(s.removedAt && !s.discardedAt ? [{ key: 'r', label: t('取出时间', 'Taken out'), children: chinaTime(s.removedAt) }] : []),
        ...(s.discardedAt ? [{ key: 'd', label: t('销毁', 'Discarded'), children: `${chinaTime(s.discardedAt)} · ${s.discardedByName ?? t('留样柜', 'cabinet')} · ${s.discardReason ?? ''}` }] : []),
        ...(s.note ? [{ key: 'n', label: t('备注', 'Note'), children: s.note }] : []),
      ]} />
      {can('sample.sample.write') && !s.discardedAt && (
        <Button danger={early} icon={<DeleteOutlined />} onClick={() => { setReason(early ? '' : t('留样期满销毁', 'Kept its time, discarded')); setDiscarding(true); }}>{t('销毁', 'Discard')}</Button>
      )}
      <Modal open={discarding} title={t(`销毁留样 ${s.labelCode}`, `Discard sample ${s.labelCode}`)} onCancel={() => setDiscarding(false)} onOk={() => void discard()}
        okText={t('销毁', 'Discard')} okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}>
        {early && <Typography.Paragraph type="danger">{t(`未满保存时间（${chinaTime(s.discardAfter)} 后才可销毁）：提前销毁会向项目经理和食安员发出严重预警。`, `Its time is not up (until ${chinaTime(s.discardAfter)}): discarding now raises a critical alert to the site manager and the safety officer.`)}</Typography.Paragraph>}
        <Input.TextArea aria-label={t('销毁原因', 'Reason')} placeholder={t('销毁原因', 'Reason')} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={200} />
      </Modal>
    </Card>
  );
}

function HistoryTab({ canteenId, onPick }: { canteenId: number; onPick: (date: string) => void }) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<HistoryDay[] | null>(null);
  const [since, setSince] = useState<string | null>(null);
  useEffect(() => { sampleApi.history(canteenId).then((r) => { setRows(r.days); setSince(r.since); }, (e: Error) => message.error(e.message)); }, [canteenId]);
  const pct = (d: HistoryDay) => (d.dishes - d.due > 0 ? Math.round((d.kept / (d.dishes - d.due)) * 100) : null);
  return (
    <Table<HistoryDay> rowKey="date" loading={!rows} dataSource={rows ?? []} pagination={false} size="middle"
      title={() => <Typography.Text type="secondary">{t(`近 30 天，点一天查看当天明细${since ? `；本食堂自 ${since} 起在平台留样` : ''}`, `The last 30 days; click a day for its samples${since ? `. Kept on the platform since ${since}` : ''}`)}</Typography.Text>}
      onRow={(d) => ({ onClick: () => onPick(d.date), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('日期', 'Date'), dataIndex: 'date', width: 170, render: (v: string) => <a style={{ whiteSpace: 'nowrap' }}>{v} {t(['周日', '周一', '周二', '周三', '周四', '周五', '周六'][dayjs(v).day()]!, dayjs(v).format('ddd'))}</a> },
        { title: t('应留样', 'Dishes'), dataIndex: 'dishes', align: 'right' },
        { title: t('已留样', 'Kept'), dataIndex: 'kept', align: 'right', render: (v: number) => <span style={{ color: STATUS.kept.color }}>{v}</span> },
        { title: t('重量不足', 'Light'), dataIndex: 'light', align: 'right', render: (v: number) => (v ? <Tag color="orange">{v}</Tag> : 0) },
        { title: t('未留样', 'Missing'), dataIndex: 'missing', align: 'right', render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
        { title: t('提前取出/销毁', 'Removed early'), dataIndex: 'early', align: 'right', render: (v: number) => (v ? <Tag color="magenta">{v}</Tag> : 0) },
        { title: t('留样盒数', 'Boxes'), dataIndex: 'samples', align: 'right' },
        { title: t('合格率', 'Compliance'), width: 160, render: (_, d) => { const p = pct(d); return p === null ? '—' : <Badge color={p === 100 ? 'green' : p >= 90 ? 'orange' : 'red'} text={`${p}%`} />; } },
      ]} />
  );
}

const EVENT_LABEL: Record<string, { zh: string; en: string }> = {
  placed: { zh: '放入', en: 'Placed' }, removed: { zh: '取出', en: 'Removed' }, door_opened: { zh: '开门', en: 'Door opened' }, door_closed: { zh: '关门', en: 'Door closed' },
};

function CabinetTab({ canteenId }: { canteenId: number }) {
  const { message } = App.useApp();
  const [data, setData] = useState<Cabinet[] | null>(null);
  const load = () => { sampleApi.cabinets(canteenId).then((r) => setData(r.cabinets), (e: Error) => message.error(e.message)); };
  useEffect(() => {
    load();
    // The cabinet reports every minute; the page follows without a reload.
    const timer = setInterval(load, 30_000);
    return () => clearInterval(timer);
  }, [canteenId]);
  if (!data) return <Spin size="large" />;
  if (!data.length) return <Empty description={t('本食堂还没有登记留样柜（设备页登记，类型“留样柜”）', 'No sample cabinet is registered here (register one on the devices page)')} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {data.map((c) => <CabinetCard key={c.id} cabinet={c} />)}
    </Space>
  );
}

function CabinetCard({ cabinet: c }: { cabinet: Cabinet }) {
  const temp = c.temperature;
  const ok = temp?.inRange ?? true;
  return (
    <Card title={`${c.name}（${c.code}）`} extra={<Typography.Text type="secondary">{t('最后通信', 'Last seen')} {chinaTime(c.lastSeenAt)}</Typography.Text>}>
      <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap', alignItems: 'stretch' }}>
        <div style={{ minWidth: 200 }}>
          <div style={{ color: '#8c8c8c' }}>{t('柜内温度', 'Temperature')}</div>
          <div role="status" aria-label={t('柜内温度', 'Temperature')} style={{ fontSize: 48, fontWeight: 700, color: temp ? (ok ? '#237804' : '#cf1322') : '#bfbfbf', fontVariantNumeric: 'tabular-nums' }}>
            {temp ? `${temp.c.toFixed(1)} °C` : '—'}
          </div>
          <div style={{ color: ok ? '#8c8c8c' : '#cf1322' }}>{temp ? `${chinaTime(temp.at)} · ${ok ? t(`正常（${c.range.minC}–${c.range.maxC} °C）`, `in range (${c.range.minC}–${c.range.maxC} °C)`) : t(`超出 ${c.range.minC}–${c.range.maxC} °C`, `outside ${c.range.minC}–${c.range.maxC} °C`)}` : t('尚无读数', 'No reading yet')}</div>
          <div style={{ marginTop: 12, fontSize: 18 }}>{t('柜门', 'Door')}：{c.door ? (c.door.open ? <Tag color="orange">{t('开着', 'Open')}</Tag> : <Tag color="green">{t('已关', 'Closed')}</Tag>) : '—'}
            {c.door && <Typography.Text type="secondary"> {chinaTime(c.door.at)}</Typography.Text>}</div>
          <div style={{ marginTop: 8, fontSize: 18 }}>{t('在柜留样', 'Boxes inside')}：<b>{c.slots.length}</b>
            {!!c.pending.length && <Tag color="blue" style={{ marginLeft: 8 }}>{t(`${c.pending.length} 份称重待登记`, `${c.pending.length} weighings to name`)}</Tag>}</div>
        </div>
        <div style={{ flex: 1, minWidth: 360 }}>
          <Chart height={220} label={t('近 24 小时柜内温度', 'Cabinet temperature, last 24 h')} option={{
            grid: { left: 40, right: 16, top: 16, bottom: 28 },
            tooltip: { trigger: 'axis' },
            xAxis: { type: 'time' },
            yAxis: { type: 'value', name: '°C', min: (v: { min: number }) => Math.min(-1, Math.floor(v.min)), max: (v: { max: number }) => Math.max(10, Math.ceil(v.max)) },
            series: [{
              type: 'line', showSymbol: false, smooth: true, data: c.temperatures.map((x) => [x.at, x.c]), lineStyle: { color: '#1f6fb2' },
              markArea: { silent: true, itemStyle: { color: 'rgba(35,120,4,0.08)' }, data: [[{ yAxis: c.range.minC }, { yAxis: c.range.maxC }]] },
            }],
          }} />
        </div>
      </div>
      <Tabs size="small" items={[
        { key: 'events', label: t('开关门与存取记录（近 24 小时）', 'Doors, boxes in and out (24 h)'), children: (
          <Table rowKey="id" size="small" dataSource={c.events} pagination={{ pageSize: 10, hideOnSinglePage: true }} columns={[
            { title: t('时间', 'Time'), dataIndex: 'at', width: 130, render: (v: string) => chinaTime(v) },
            { title: t('事件', 'Event'), dataIndex: 'event', width: 110, render: (v: string) => <Tag color={v === 'removed' ? 'purple' : v === 'placed' ? 'blue' : 'default'}>{t(EVENT_LABEL[v]!.zh, EVENT_LABEL[v]!.en)}</Tag> },
            { title: t('格口', 'Slot'), dataIndex: 'slot', width: 70, render: (v: number | null) => v ?? '' },
            { title: t('重量', 'Weight'), dataIndex: 'grams', width: 90, render: (v: number | null) => (v === null ? '' : `${v} g`) },
            { title: t('留样', 'Sample'), render: (_, e) => (e.labelCode ? `${e.labelCode} ${e.dishName ?? ''}` : e.event === 'placed' ? (e.withdrawn ? t('未登记即取出', 'taken out unnamed') : t('待登记', 'to be named')) : '') },
          ]} />
        ) },
        { key: 'slots', label: t(`在柜留样（${c.slots.length}）`, `Inside (${c.slots.length})`), children: (
          <Table rowKey="id" size="small" dataSource={c.slots} pagination={{ pageSize: 10, hideOnSinglePage: true }} columns={[
            { title: t('格口', 'Slot'), dataIndex: 'slot', width: 70 },
            { title: t('标签', 'Label'), dataIndex: 'labelCode', width: 210 },
            { title: t('菜品', 'Dish'), render: (_, s) => `${mealLabel(s.meal)} · ${s.dishName}` },
            { title: t('重量', 'Weight'), dataIndex: 'grams', width: 90, render: (v: number, s) => <span style={{ color: s.light ? STATUS.light.color : undefined }}>{v} g</span> },
            { title: t('可销毁时间', 'Discard after'), dataIndex: 'discardAfter', width: 130, render: (v: string) => chinaTime(v) },
          ]} />
        ) },
      ]} />
    </Card>
  );
}

function SettingsModal({ canteenId, onClose }: { canteenId: number; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const [loaded, setLoaded] = useState(false);
  useEffect(() => { sampleApi.settings(canteenId).then((s) => { form.setFieldsValue(s); setLoaded(true); }, (e: Error) => message.error(e.message)); }, [canteenId]);
  const save = async () => {
    try {
      await sampleApi.saveSettings(canteenId, await form.validateFields());
      message.success(t('已保存；对此后的留样生效', 'Saved; applies to samples kept from now on'));
      onClose();
    } catch (e) {
      if (e instanceof Error) message.error(e.message);
    }
  };
  return (
    <Modal open title={t('留样规则', 'Sample rule')} onCancel={onClose} onOk={() => void save()} okText={t('保存', 'Save')} okButtonProps={{ disabled: !loaded }}>
      <Form form={form} layout="vertical" disabled={!loaded}>
        <Form.Item name="required" label={t('本食堂要求留样', 'Samples required here')} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="minGrams" label={t('每道菜最少（克）', 'Minimum per dish (g)')} extra={t('国家规范不少于 125 克；部分地方要求 150 或 200 克', 'National rule ≥ 125 g; some local rules ask 150 or 200 g')} rules={[{ required: true }]}>
          <InputNumber min={50} max={1000} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="keepHours" label={t('保存时长（小时）', 'Keep for (hours)')} extra={t('不少于 48 小时', 'At least 48 hours')} rules={[{ required: true }]}><InputNumber min={24} max={168} style={{ width: 160 }} /></Form.Item>
        <Form.Item name="graceMinutes" label={t('餐次结束后多久未留样即预警（分钟）', 'Alert a missing sample this long after the meal (min)')} rules={[{ required: true }]}><InputNumber min={0} max={240} style={{ width: 160 }} /></Form.Item>
      </Form>
    </Modal>
  );
}
