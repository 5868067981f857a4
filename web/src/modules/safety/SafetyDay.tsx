import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, App, Card, Col, DatePicker, Progress, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { get } from '../../api.ts';
import { mealLabel, t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { errText, Plain } from '../ingredient/shared.tsx';

export interface SafetyDay {
  canteenName: string | null;
  date: string;
  today: boolean;
  morningChecks: { workers: number; checked: number; fit: number; unfit: number; absent: { workerId: number; name: string }[]; certificatesExpiring: number; certificatesExpired: number };
  samples: { dishes: number; kept: number; light: number; missing: { meal: string; dishName: string }[] };
  inspection: { tasks: number; done: number; overdue: number; closed: boolean; wasteG: number; diners: number };
  monitoring: { sensors: { deviceId: number; name: string; place: string; temperatureC: number | null; humidityPct: number | null; at: string | null; ok: boolean }[]; eventsToReview: number };
  alerts: { open: number; acknowledged: number; bySeverity: { critical: number; warning: number; info: number } };
}

const pct = (n: number, of: number) => (of ? Math.round((n / of) * 100) : 100);

function Line({ ok, children }: { ok: boolean; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', fontSize: 15, padding: '2px 0' }}>
      {ok ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <ExclamationCircleFilled style={{ color: '#d46b08' }} />}
      <span>{children}</span>
    </div>
  );
}

/** One part of the day: a title linking to its module page, a ring of how much is done, and what needs doing. */
function Part({ title, to, done, of, children }: { title: string; to: string; done: number; of: number; children: ReactNode }) {
  const p = pct(done, of);
  return (
    <Card title={<Link to={to}>{title}</Link>} size="small" style={{ height: '100%' }}>
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <Progress type="circle" size={84} percent={p} status={p === 100 ? 'success' : 'normal'} format={() => <span style={{ fontSize: 17 }}>{done}/{of}</span>} />
        <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
      </div>
    </Card>
  );
}

/** The food-safety day of one canteen at a glance: the site manager's and canteen head's first look each morning. */
export function SafetyDayPanel({ canteenId, date }: { canteenId: number; date?: string }) {
  const { message } = App.useApp();
  const [d, setD] = useState<SafetyDay | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setD(null);
    setError(null);
    get<SafetyDay>(`/api/safety/day?canteenId=${canteenId}${date ? `&date=${date}` : ''}`).then(setD, (e) => { setError(errText(e)); message.error(errText(e)); });
  }, [canteenId, date]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!d) return <Spin style={{ display: 'block', padding: 40 }} />;
  const m = d.morningChecks;
  const s = d.samples;
  const i = d.inspection;
  const sensors = d.monitoring.sensors;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12} xxl={6}>
        <Part title={t('晨检', 'Morning checks')} to="/workers/checks" done={m.checked} of={m.workers}>
          <Line ok={m.unfit === 0}>{t(`合格 ${m.fit}，不合格 ${m.unfit}`, `${m.fit} fit, ${m.unfit} not fit`)}</Line>
          <Line ok={m.absent.length === 0}>{m.absent.length ? t(`未晨检：${m.absent.map((a) => a.name).join('、')}`, `Not checked: ${m.absent.map((a) => a.name).join(', ')}`) : t('无人缺检', 'Nobody missing')}</Line>
          <Line ok={m.certificatesExpired === 0 && m.certificatesExpiring === 0}>
            {t(`健康证：过期 ${m.certificatesExpired}，30 天内到期 ${m.certificatesExpiring}`, `Certificates: ${m.certificatesExpired} expired, ${m.certificatesExpiring} expiring`)}
          </Line>
        </Part>
      </Col>
      <Col xs={24} md={12} xxl={6}>
        <Part title={t('留样', 'Samples')} to="/samples" done={s.kept} of={s.dishes}>
          <Line ok={s.light === 0}>{t(`重量不足 ${s.light} 份`, `${s.light} too light`)}</Line>
          <Line ok={s.missing.length === 0}>{s.missing.length ? t(`待留样：${s.missing.map((x) => `${mealLabel(x.meal)}·${x.dishName}`).join('、')}`, `Due: ${s.missing.map((x) => `${mealLabel(x.meal)} · ${x.dishName}`).join(', ')}`) : t('没有超时未留样的菜', 'No sample overdue')}</Line>
        </Part>
      </Col>
      <Col xs={24} md={12} xxl={6}>
        <Part title={t('每日自查', 'Self-inspection')} to="/inspection" done={i.done} of={i.tasks}>
          <Line ok={i.overdue === 0}>{t(`超时未完成 ${i.overdue} 项`, `${i.overdue} overdue`)}</Line>
          <Line ok={i.closed}>{i.closed ? t('今日自查已闭环', 'Closed for the day') : t('尚未闭环', 'Not closed yet')}</Line>
          <Line ok>{t(`泔水 ${(i.wasteG / 1000).toFixed(1)} kg${i.diners ? `，人均 ${Math.round(i.wasteG / i.diners)} 克` : ''}`, `Waste ${(i.wasteG / 1000).toFixed(1)} kg${i.diners ? `, ${Math.round(i.wasteG / i.diners)} g per diner` : ''}`)}</Line>
        </Part>
      </Col>
      <Col xs={24} md={12} xxl={6}>
        <Part title={t('冷链与后厨监控', 'Sensors and cameras')} to="/monitoring" done={sensors.filter((x) => x.ok).length} of={sensors.length}>
          <Space wrap size={[4, 4]}>
            {sensors.map((x) => (
              <Tag key={x.deviceId} color={x.ok ? 'green' : 'red'} style={{ fontSize: 14, padding: '2px 6px' }}>
                {x.name} {x.temperatureC === null ? '—' : `${x.temperatureC.toFixed(1)}℃`}
              </Tag>
            ))}
          </Space>
          <Line ok={d.monitoring.eventsToReview === 0}>{t(`待复核的后厨行为 ${d.monitoring.eventsToReview} 条`, `${d.monitoring.eventsToReview} camera events to review`)}</Line>
        </Part>
      </Col>
      <Col span={24}>
        <Link to="/alerts">
          <Alert showIcon type={d.alerts.bySeverity.critical ? 'error' : d.alerts.open ? 'warning' : 'success'}
            title={d.alerts.open + d.alerts.acknowledged
              ? t(`未解除预警 ${d.alerts.open + d.alerts.acknowledged} 条（待确认 ${d.alerts.open}，严重 ${d.alerts.bySeverity.critical}）→ 预警中心`, `${d.alerts.open + d.alerts.acknowledged} unresolved alerts (${d.alerts.open} open, ${d.alerts.bySeverity.critical} critical) → alert centre`)
              : t('没有未解除的预警', 'No unresolved alerts')} />
        </Link>
      </Col>
    </Row>
  );
}

/** /safety: the day at a glance for any date and canteen the user may see. */
export function SafetyDayPage() {
  const { me, canteenId } = useSession();
  const [orgId, setOrgId] = useState<number | null>(canteenId);
  const [date, setDate] = useState(dayjs());
  const canteens = me?.canteens ?? [];
  return (
    <Plain>
      <Card title={t('食品安全 · 当日概览', 'Food safety · the day at a glance')} extra={
        <Space wrap>
          {canteens.length > 1 && <Select aria-label={t('食堂', 'Canteen')} style={{ width: 200 }} value={orgId ?? undefined} onChange={setOrgId} options={canteens.map((c) => ({ value: c.id, label: c.name }))} />}
          <DatePicker allowClear={false} value={date} onChange={(v) => v && setDate(v)} disabledDate={(v) => v.isAfter(dayjs(), 'day')} />
        </Space>
      }>
        {orgId ? <SafetyDayPanel canteenId={orgId} date={date.format('YYYY-MM-DD')} /> : <Typography.Text type="secondary">{t('请选择食堂', 'Choose a canteen')}</Typography.Text>}
      </Card>
    </Plain>
  );
}
