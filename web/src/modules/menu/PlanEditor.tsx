import { ArrowLeftOutlined, DeleteOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, InputNumber, Row, Segmented, Select, Space, Spin, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, get, post, put, toFen, yuan } from '../../api.ts';
import { MEALS, mealLabel, t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { KINDS, kindColor, kindLabel, type Nutrition } from '../dish/labels.ts';
import { dayText } from '../ingredient/shared.tsx';
import { mondayOf, statusTag, type PlanSummary } from './util.tsx';

interface DishRow { id: number; code: string; name: string; kind: string; priceFen: number; active: boolean; nutrition: Nutrition | null; costFen: number | null }
interface Plan { id: number; date: string; meal: string; status: 'draft' | 'published'; note: string; items: { dishId: number; name: string; kind: string; portions: number; priceFen: number; mustServe: boolean; nutrition: Nutrition | null }[] }
interface Item { dishId: number; portions: number; priceFen: number }

const DEFAULT_PORTIONS = 100;

/** One canteen, date and meal: which dishes, how many portions, at what price; save as draft, publish, withdraw. */
export function PlanEditor() {
  const { date = '', meal = 'lunch' } = useParams();
  const navigate = useNavigate();
  const { can, canteenId, me } = useSession();
  const { message, modal } = App.useApp();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [note, setNote] = useState('');
  const [must, setMust] = useState<number[]>([]);
  const [dishes, setDishes] = useState<DishRow[]>([]);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const canteenName = me?.canteens.find((c) => c.id === canteenId)?.name;

  const load = async () => {
    if (!canteenId) return;
    setLoading(true);
    setError(null);
    try {
      const [list, mustList, dishList] = await Promise.all([
        get<PlanSummary[]>(`/api/menu-plans?canteenId=${canteenId}&from=${date}&to=${date}`),
        get<{ meal: string; dishId: number }[]>(`/api/must-serve?canteenId=${canteenId}`),
        get<DishRow[]>(`/api/dishes?canteenId=${canteenId}&date=${date}`),
      ]);
      const mustIds = mustList.filter((m) => m.meal === meal).map((m) => m.dishId);
      const summary = list.find((p) => p.meal === meal);
      const full = summary ? await get<Plan>(`/api/menu-plans/${summary.id}`) : null;
      const byId = new Map(dishList.map((d) => [d.id, d]));
      const its: Item[] = full ? full.items.map((i) => ({ dishId: i.dishId, portions: i.portions, priceFen: i.priceFen })) : [];
      // Must-serve dishes go in first, whether the plan is new or they were set after it was made.
      const missing = full?.status === 'published' || !can('menu.plan.write') ? [] : mustIds.filter((id) => !its.some((i) => i.dishId === id));
      const defaultPortions = its[0]?.portions ?? DEFAULT_PORTIONS;
      its.unshift(...missing.map((id) => ({ dishId: id, portions: defaultPortions, priceFen: byId.get(id)?.priceFen ?? 0 })));
      setPlan(full);
      setItems(its);
      setNote(full?.note ?? '');
      setMust(mustIds);
      setDishes(dishList);
      setDirty(!full || missing.length > 0);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { void load(); }, [canteenId, date, meal]);

  const byId = useMemo(() => new Map(dishes.map((d) => [d.id, d])), [dishes]);
  const published = plan?.status === 'published';
  const editable = can('menu.plan.write') && !published;

  const go = (d: string, m: string) => {
    const move = () => navigate(`/menu/plan/${d}/${m}`);
    if (!dirty || !editable || !items.length) return move();
    modal.confirm({ title: t('有未保存的修改', 'Unsaved changes'), content: t('离开后修改将丢失，确定离开吗？', 'Your changes will be lost. Leave anyway?'), okText: t('离开', 'Leave'), cancelText: t('留下', 'Stay'), onOk: move });
  };
  const back = () => {
    const move = () => navigate(`/menu?week=${mondayOf(dayjs(date)).format('YYYY-MM-DD')}`);
    if (!dirty || !editable || !items.length || (!plan && items.every((i) => must.includes(i.dishId)))) return move();
    modal.confirm({ title: t('有未保存的修改', 'Unsaved changes'), content: t('离开后修改将丢失，确定离开吗？', 'Your changes will be lost. Leave anyway?'), okText: t('离开', 'Leave'), cancelText: t('留下', 'Stay'), onOk: move });
  };

  const change = (next: Item[]) => { setItems(next); setDirty(true); };
  const save = async (quiet = false): Promise<Plan | null> => {
    if (!items.length) { setError(t('至少安排一道菜', 'Plan at least one dish')); return null; }
    const bad = items.find((i) => !i.portions || i.portions < 1);
    if (bad) { setError(t(`「${byId.get(bad.dishId)?.name}」的份数至少为 1`, `"${byId.get(bad.dishId)?.name}" needs at least one portion`)); return null; }
    setError(null);
    try {
      const saved = await put<Plan>('/api/menu-plans', { canteenId, date, meal, note, items: items.map((i) => ({ dishId: i.dishId, portions: i.portions, priceFen: i.priceFen })) });
      setPlan(saved);
      setDirty(false);
      if (!quiet) message.success(t('草稿已保存', 'Draft saved'));
      return saved;
    } catch (e) {
      setError((e as Error).message);
      if (e instanceof ApiError && e.code === 'must_serve_missing') void load();
      return null;
    }
  };
  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    try { await fn(); } finally { setBusy(null); }
  };
  const publish = () => run('publish', async () => {
    let target = plan;
    if (!target || dirty) {
      if (!can('menu.plan.write')) { setError(t('请先保存草稿', 'Save the draft first')); return; }
      target = await save(true);
      if (!target) return;
    }
    try {
      setPlan(await post<Plan>(`/api/menu-plans/${target.id}/publish`));
      setDirty(false);
      message.success(t('已发布，就餐人员现在可以看到', 'Published: diners can see it now'));
    } catch (e) {
      setError((e as Error).message);
    }
  });
  const withdraw = () => run('withdraw', async () => {
    try {
      setPlan(await post<Plan>(`/api/menu-plans/${plan!.id}/withdraw`));
      message.success(t('已撤回发布，可以修改了', 'Withdrawn: you can edit it now'));
    } catch (e) {
      setError((e as Error).message);
    }
  });

  if (!canteenId) return <Alert type="info" showIcon title={t('请先在右上角选择食堂', 'Choose a canteen at the top right first')} />;

  const rows = items.map((i) => ({ ...i, dish: byId.get(i.dishId), must: must.includes(i.dishId) }));
  const totalPortions = items.reduce((s, i) => s + (i.portions || 0), 0);
  const revenue = items.reduce((s, i) => s + (i.portions || 0) * i.priceFen, 0);
  const cost = items.reduce((s, i) => s + (i.portions || 0) * (byId.get(i.dishId)?.costFen ?? 0), 0);
  const kindCounts = KINDS.map((k) => ({ k, n: rows.filter((r) => r.dish?.kind === k.value).length })).filter((x) => x.n);
  const inPlan = new Set(items.map((i) => i.dishId));
  const options = dishes.filter((d) => d.active && !inPlan.has(d.id))
    .map((d) => ({ value: d.id, label: `${d.name}（${kindLabel(d.kind)} · ${yuan(d.priceFen)}）`, search: `${d.name} ${d.code}`.toLowerCase() }));
  const prevDay = dayjs(date).subtract(1, 'day').format('YYYY-MM-DD');
  const nextDay = dayjs(date).add(1, 'day').format('YYYY-MM-DD');

  const actions = (
    <Space wrap>
      {editable && <Button size="large" loading={busy === 'save'} onClick={() => run('save', async () => { await save(); })}>{t('保存草稿', 'Save draft')}</Button>}
      {!published && can('menu.plan.publish') && (plan || can('menu.plan.write')) && <Button size="large" type="primary" loading={busy === 'publish'} onClick={publish}>{t('发布', 'Publish')}</Button>}
      {published && can('menu.plan.publish') && <Button size="large" danger loading={busy === 'withdraw'} onClick={withdraw}>{t('撤回发布', 'Withdraw')}</Button>}
    </Space>
  );

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12, marginBottom: 12 }}>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={back}>{t('返回一周计划', 'Back to the week')}</Button>
          <Typography.Title level={3} style={{ margin: 0 }}>{dayText(date)} {mealLabel(meal)}</Typography.Title>
          {loading ? null : statusTag(plan?.status)}
          {dirty && editable && items.length > 0 && <Tag color="processing">{t('未保存', 'Unsaved')}</Tag>}
          <Typography.Text type="secondary">{canteenName}</Typography.Text>
        </Space>
        {!loading && actions}
      </div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<LeftOutlined />} onClick={() => go(prevDay, meal)}>{t('前一天', 'Previous day')}</Button>
        <Segmented value={meal} onChange={(m) => go(date, String(m))} options={MEALS.map((m) => ({ value: m.value, label: t(m.zh, m.en) }))} />
        <Button onClick={() => go(nextDay, meal)}>{t('后一天', 'Next day')} <RightOutlined /></Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} style={{ marginBottom: 16 }} />}
      {published && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }}
          title={t('已发布：就餐人员可以看到这份菜单。如需修改，请先撤回发布。', 'Published: diners see this menu. Withdraw it to make changes.')} />
      )}
      <Spin spinning={loading}>
        <Row gutter={16}>
          <Col xs={24} xl={17}>
            <Card title={t('菜品', 'Dishes')} style={{ marginBottom: 16 }}>
              <Table rowKey="dishId" pagination={false} dataSource={rows} size="middle"
                locale={{ emptyText: t('还没有菜品，请在下方添加', 'No dishes yet; add them below') }}
                columns={[
                  { title: t('菜品', 'Dish'), render: (_, r) => (
                    <Space wrap>
                      <span style={{ fontSize: 16 }}>{r.dish?.name ?? plan?.items.find((i) => i.dishId === r.dishId)?.name ?? `#${r.dishId}`}</span>
                      {r.dish && <Tag color={kindColor(r.dish.kind)}>{kindLabel(r.dish.kind)}</Tag>}
                      {r.must && <Tag color="purple">{t('必排', 'Must serve')}</Tag>}
                    </Space>
                  ) },
                  { title: t('份数', 'Portions'), width: 140, render: (_, r, i) => (!editable ? r.portions : (
                    <InputNumber min={1} max={20000} precision={0} value={r.portions} disabled={!editable} style={{ width: '100%' }}
                      aria-label={t(`${r.dish?.name ?? ''} 份数`, `${r.dish?.name ?? ''} portions`)}
                      onChange={(v) => change(items.map((x, k) => (k === i ? { ...x, portions: v ?? 0 } : x)))} />
                  )) },
                  { title: t('售价（元）', 'Price (yuan)'), width: 140, render: (_, r, i) => (!editable ? yuan(r.priceFen) : (
                    <InputNumber min={0} max={10000} precision={2} step={0.5} value={r.priceFen / 100} disabled={!editable} style={{ width: '100%' }}
                      aria-label={t(`${r.dish?.name ?? ''} 售价`, `${r.dish?.name ?? ''} price`)}
                      onChange={(v) => change(items.map((x, k) => (k === i ? { ...x, priceFen: toFen(v ?? 0) } : x)))} />
                  )) },
                  { title: t('每份成本', 'Cost'), width: 100, align: 'right', render: (_, r) => {
                    const c = r.dish?.costFen;
                    if (c == null) return '—';
                    return <Typography.Text type={c > r.priceFen * 0.6 ? 'danger' : undefined}>{yuan(c)}</Typography.Text>;
                  } },
                  { title: t('能量', 'Energy'), width: 100, align: 'right', render: (_, r) => (r.dish?.nutrition ? `${Math.round(r.dish.nutrition.energyKcal)} ${t('千卡', 'kcal')}` : '—') },
                  { title: '', width: 90, render: (_, r, i) => editable && (
                    r.must
                      ? <Tooltip title={t('必排菜不能移除', 'Must-serve dishes cannot be removed')}><Button type="text" disabled icon={<DeleteOutlined />} aria-label={t('移除', 'Remove')} /></Tooltip>
                      : <Button type="text" danger icon={<DeleteOutlined />} aria-label={t(`移除 ${r.dish?.name ?? ''}`, `Remove ${r.dish?.name ?? ''}`)} onClick={() => change(items.filter((_, k) => k !== i))} />
                  ) },
                ]} />
              {editable && (
                <div style={{ marginTop: 12 }}>
                  <Select showSearch={{ filterOption: (input, o) => String((o as { search?: string })?.search ?? '').includes(input.toLowerCase()) }}
                    value={null} style={{ width: 380, maxWidth: '100%' }} size="large" aria-label={t('添加菜品', 'Add a dish')} placeholder={t('搜索并添加菜品…', 'Search and add a dish…')}
                    options={options} onChange={(id: number | null) => {
                      const d = id ? byId.get(id) : undefined;
                      if (d) change([...items, { dishId: d.id, portions: items[items.length - 1]?.portions ?? DEFAULT_PORTIONS, priceFen: d.priceFen }]);
                    }} />
                </div>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={7}>
            <Card title={t('合计', 'Totals')}>
              <Row gutter={[16, 16]}>
                <Col span={12}><Statistic title={t('菜品', 'Dishes')} value={items.length} suffix={t('道', '')} /></Col>
                <Col span={12}><Statistic title={t('总份数', 'Portions')} value={totalPortions} /></Col>
                <Col span={12}><Statistic title={t('预计收入', 'Revenue')} value={yuan(revenue)} /></Col>
                <Col span={12}><Statistic title={t('预计成本', 'Cost')} value={yuan(cost)} styles={{ content: cost > revenue * 0.6 ? { color: '#cf1322' } : undefined }} /></Col>
              </Row>
              <div style={{ marginTop: 16 }}>
                {kindCounts.map(({ k, n }) => <Tag key={k.value} color={k.color} style={{ fontSize: 14, marginBottom: 6 }}>{t(k.zh, k.en)} {n}</Tag>)}
              </div>
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 13 }}>
                {t('成本按当天最低报价估算。发布后，请购单按已发布的计划生成。', 'Cost uses the lowest quotes of the day. Requisitions are generated from published plans.')}
              </Typography.Paragraph>
            </Card>
            <Card title={t('备注', 'Note')} size="small" style={{ marginTop: 16 }}>
              <Input.TextArea rows={2} maxLength={500} value={note} disabled={!editable} aria-label={t('备注', 'Note')}
                onChange={(e) => { setNote(e.target.value); setDirty(true); }} />
            </Card>
          </Col>
        </Row>
      </Spin>
    </div>
  );
}
