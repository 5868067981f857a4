import { CopyOutlined, LeftOutlined, PushpinOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Space, Spin, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Route, Routes, useNavigate, useSearchParams } from 'react-router-dom';
import { get, yuan } from '../../api.ts';
import { MEALS, mealLabel, t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { dayText, Plain } from '../ingredient/shared.tsx';
import { CopyModal } from './CopyModal.tsx';
import { MustServeDrawer } from './MustServeDrawer.tsx';
import { PlanEditor } from './PlanEditor.tsx';
import { mondayOf, statusTag, type PlanSummary } from './util.tsx';

/** /menu (the week) and /menu/plan/:date/:meal (one meal). */
export function MenuPage() {
  return (
    <Plain>
      <Routes>
        <Route index element={<WeekView />} />
        <Route path="plan/:date/:meal" element={<PlanEditor />} />
      </Routes>
    </Plain>
  );
}

function WeekView() {
  const { can, canteenId, me } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const monday = mondayOf(params.get('week') ? dayjs(params.get('week')) : dayjs());
  const days = Array.from({ length: 7 }, (_, i) => monday.add(i, 'day').format('YYYY-MM-DD'));
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [copy, setCopy] = useState<{ days: 1 | 7; from: string } | null>(null);
  const [mustOpen, setMustOpen] = useState(false);
  const today = dayjs().format('YYYY-MM-DD');
  const canteenName = me?.canteens.find((c) => c.id === canteenId)?.name;

  const load = async () => {
    if (!canteenId) return;
    setLoading(true);
    try {
      setPlans(await get<PlanSummary[]>(`/api/menu-plans?canteenId=${canteenId}&from=${days[0]}&to=${days[6]}`));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { void load(); }, [canteenId, days[0]]);

  if (!canteenId) return <Alert type="info" showIcon title={t('请先在右上角选择食堂', 'Choose a canteen at the top right first')} />;
  const goWeek = (d: Dayjs) => setParams({ week: mondayOf(d).format('YYYY-MM-DD') });
  const planOf = (date: string, meal: string) => plans.find((p) => p.date === date && p.meal === meal);
  const published = plans.filter((p) => p.status === 'published').length;

  return (
    <Card title={t(`菜品计划 · ${canteenName ?? ''}`, `Menu plans · ${canteenName ?? ''}`)} extra={(
      <Space wrap>
        <Button icon={<PushpinOutlined />} onClick={() => setMustOpen(true)}>{t('必排菜设置', 'Must-serve dishes')}</Button>
        {can('menu.plan.write') && <Button icon={<CopyOutlined />} onClick={() => setCopy({ days: 7, from: days[0]! })}>{t('复制到…', 'Copy to…')}</Button>}
      </Space>
    )}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<LeftOutlined />} onClick={() => goWeek(monday.subtract(7, 'day'))}>{t('上一周', 'Previous week')}</Button>
        <Button onClick={() => goWeek(dayjs())}>{t('本周', 'This week')}</Button>
        <Button onClick={() => goWeek(monday.add(7, 'day'))}>{t('下一周', 'Next week')} <RightOutlined /></Button>
        <DatePicker picker="week" allowClear={false} value={monday} onChange={(d) => d && goWeek(d)} aria-label={t('选择周', 'Choose a week')} />
        <Typography.Text type="secondary">
          {t(`${monday.format('M月D日')} 至 ${monday.add(6, 'day').format('M月D日')}，已发布 ${published} / ${plans.length} 个餐次。点击格子排菜。`,
            `${monday.format('D MMM')} – ${monday.add(6, 'day').format('D MMM')}: ${published} of ${plans.length} meals published. Click a cell to plan it.`)}
        </Typography.Text>
      </Space>
      <Spin spinning={loading}>
        <div style={{ overflowX: 'auto' }}>
          <div
            style={{ display: 'grid', gridTemplateColumns: '72px repeat(7, minmax(128px, 1fr))', gap: 8, minWidth: 1000 }}>
            <div />
            {days.map((d) => (
              <div key={d} style={{ padding: '6px 8px', borderRadius: 8, background: d === today ? '#1f6f5c' : '#eef4f1', color: d === today ? '#fff' : undefined, display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
                <span style={{ fontWeight: 600 }}>{d === today ? `${dayjs(d).format(t('M月D日', 'D MMM'))} ${t('今天', 'Today')}` : dayText(d)}</span>
                {can('menu.plan.write') && (
                  <Tooltip title={t('复制这一天到…', 'Copy this day to…')}>
                    <Button size="small" type="text" icon={<CopyOutlined />} aria-label={t(`复制 ${d}`, `Copy ${d}`)} style={{ color: 'inherit' }}
                      onClick={() => setCopy({ days: 1, from: d })} />
                  </Tooltip>
                )}
              </div>
            ))}
            {MEALS.map((m) => (
              <MealRow key={m.value} meal={m.value} days={days} planOf={planOf} canPlan={can('menu.plan.write')} onOpen={(date) => navigate(`plan/${date}/${m.value}`)} />
            ))}
          </div>
        </div>
      </Spin>
      {copy && <CopyModal canteenId={canteenId} initial={copy} onClose={(changed) => { setCopy(null); if (changed) void load(); }} />}
      <MustServeDrawer open={mustOpen} canteenId={canteenId} onClose={() => setMustOpen(false)} />
    </Card>
  );
}

function MealRow({ meal, days, planOf, canPlan, onOpen }: { meal: string; days: string[]; planOf: (d: string, m: string) => PlanSummary | undefined; canPlan: boolean; onOpen: (date: string) => void }) {
  return (
    <>
      <div style={{ display: 'grid', placeItems: 'center', fontWeight: 600, fontSize: 17, background: '#fafafa', borderRadius: 8 }}>{mealLabel(meal)}</div>
      {days.map((d) => {
        const p = planOf(d, meal);
        const status = p ? (p.status === 'published' ? t('已发布', 'Published') : t('草稿', 'Draft')) : t('未排菜', 'Not planned');
        return (
          <button key={d} type="button" onClick={() => onOpen(d)} aria-label={`${dayText(d)} ${mealLabel(meal)}：${status}`}
            style={{
              minHeight: 92, textAlign: 'left', padding: 10, borderRadius: 8, cursor: 'pointer', font: 'inherit',
              border: `1px solid ${p?.status === 'published' ? '#95d5b2' : p ? '#ffd591' : '#e5e5e5'}`,
              background: p?.status === 'published' ? '#f0faf4' : p ? '#fffaf0' : '#fff',
            }}>
            <div>{statusTag(p?.status)}</div>
            {p ? (
              <div style={{ marginTop: 6, lineHeight: 1.5 }}>
                <div><b>{p.dishes}</b> {t('道菜', 'dishes')}</div>
                <div style={{ color: '#666', fontSize: 14 }}>{p.portions} {t('份', 'portions')} · {yuan(Number(p.revenueFen))}</div>
              </div>
            ) : canPlan && <div style={{ marginTop: 6, color: '#999' }}>+ {t('排菜', 'Plan')}</div>}
          </button>
        );
      })}
    </>
  );
}
