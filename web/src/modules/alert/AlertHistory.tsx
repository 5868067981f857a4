import { App, Button, Card, Col, DatePicker, Form, InputNumber, Row, Select, Space, Statistic, Switch, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { dateTime, errText } from '../ingredient/shared.tsx';
import { Chart } from '../report/chart.tsx';
import { alertHistory, escalationRules, setEscalationRules, type AlertHistory, type AlertKind, type EscalationRules, type Severity } from './api.ts';
import { alertTitle, AlertTimeline, LEVELS, SEVERITIES, SeverityTag, StatusTag } from './parts.tsx';

const SOURCES: Record<string, { zh: string; en: string }> = {
  stock: { zh: '库存', en: 'Stock' },
  worker: { zh: '晨检与健康证', en: 'Workers' },
  sample: { zh: '留样', en: 'Samples' },
  inspection: { zh: '每日自查', en: 'Self-inspection' },
  monitoring: { zh: '传感器与摄像头', en: 'Sensors and cameras' },
};
const sourceLabel = (s: string) => (SOURCES[s] ? t(SOURCES[s].zh, SOURCES[s].en) : s);

/** The canteen picker both panels share: the user's canteens, the session's current one first. */
function useCanteen(): [number | null, (id: number) => void, { id: number; name: string }[]] {
  const { me, canteenId } = useSession();
  const [orgId, setOrgId] = useState<number | null>(canteenId);
  return [orgId, setOrgId, me?.canteens ?? []];
}

/** One canteen's alerts over a period: figures, a chart per day and source, the kinds, and every alert with its timeline. */
export function AlertHistoryPanel({ kinds }: { kinds: AlertKind[] }) {
  const { message } = App.useApp();
  const [orgId, setOrgId, canteens] = useCanteen();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()]);
  const [data, setData] = useState<AlertHistory | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!orgId) return;
    setLoading(true);
    alertHistory(orgId, range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'))
      .then(setData, (e) => message.error(errText(e))).finally(() => setLoading(false));
  }, [orgId, range]);
  const kindLabel = (k: string) => {
    const d = kinds.find((x) => x.key === k);
    return d ? t(d.zh, d.en) : k;
  };
  const days: string[] = [];
  for (let d = range[0]; !d.isAfter(range[1], 'day'); d = d.add(1, 'day')) days.push(d.format('YYYY-MM-DD'));
  const sources = [...new Set(data?.byDay.map((d) => d.source) ?? [])];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        {canteens.length > 1 && <Select aria-label={t('食堂', 'Canteen')} style={{ width: 220 }} value={orgId ?? undefined} onChange={setOrgId} options={canteens.map((c) => ({ value: c.id, label: c.name }))} />}
        <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
      </Space>
      {data && (
        <>
          <Row gutter={16}>
            <Col xs={12} md={4}><Statistic title={t('预警总数', 'Alerts raised')} value={data.raised} /></Col>
            <Col xs={12} md={4}><Statistic title={t('严重', 'Critical')} value={data.critical} valueStyle={{ color: data.critical ? '#cf1322' : undefined }} /></Col>
            <Col xs={12} md={4}><Statistic title={t('曾升级', 'Escalated')} value={data.escalated} /></Col>
            <Col xs={12} md={4}><Statistic title={t('未解除', 'Unresolved')} value={data.unresolved} /></Col>
            <Col xs={12} md={4}><Statistic title={t('平均确认用时', 'Mean time to acknowledge')} value={data.meanAckMinutes ?? '—'} suffix={data.meanAckMinutes === null ? undefined : t('分钟', 'min')} /></Col>
            <Col xs={12} md={4}><Statistic title={t('平均处理用时', 'Mean time to resolve')} value={data.meanResolveMinutes ?? '—'} suffix={data.meanResolveMinutes === null ? undefined : t('分钟', 'min')} /></Col>
          </Row>
          <Chart label={t('每日预警数（按来源）', 'Alerts per day by source')} height={260} option={{
            tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 16, top: 36, bottom: 28 },
            xAxis: { type: 'category', data: days.map((d) => d.slice(5)) }, yAxis: { type: 'value', minInterval: 1 },
            series: sources.map((s) => ({ name: sourceLabel(s), type: 'bar', stack: 'all', data: days.map((d) => data.byDay.find((x) => x.date === d && x.source === s)?.n ?? 0) })),
          }} />
          <Table size="small" rowKey="kind" pagination={false} dataSource={data.byKind} columns={[
            { title: t('类型', 'Kind'), dataIndex: 'kind', render: kindLabel },
            { title: t('来源', 'Source'), dataIndex: 'source', render: sourceLabel },
            { title: t('次数', 'Count'), dataIndex: 'n', align: 'right' },
            { title: t('曾升级', 'Escalated'), dataIndex: 'escalated', align: 'right' },
          ]} />
        </>
      )}
      <Table rowKey="id" loading={loading} dataSource={data?.alerts ?? []} pagination={{ pageSize: 20, showSizeChanger: false }}
        expandable={{ expandedRowRender: (a) => <AlertTimeline alert={a} /> }}
        columns={[
          { title: t('级别', 'Severity'), dataIndex: 'severity', width: 90, render: (v) => <SeverityTag value={v} /> },
          { title: t('预警', 'Alert'), render: (_, a) => <Space orientation="vertical" size={0}><Typography.Text>{alertTitle(a)}</Typography.Text><Typography.Text type="secondary">{kindLabel(a.kind)}</Typography.Text></Space> },
          { title: t('发现时间', 'Raised'), dataIndex: 'raisedAt', width: 140, render: dateTime },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 100, render: (v) => <StatusTag value={v} /> },
        ]} />
    </Space>
  );
}

/** The canteen head sets after how many minutes an unacknowledged alert goes up a level, per severity. */
export function EscalationSettings() {
  const { message } = App.useApp();
  const { can } = useSession();
  const [orgId, setOrgId, canteens] = useCanteen();
  const [rules, setRules] = useState<EscalationRules | null>(null);
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const show = (r: EscalationRules) => {
    setRules(r);
    form.setFieldsValue(Object.fromEntries(SEVERITIES.flatMap((s) => [[`${s.value}On`, r.afterMinutes[s.value] !== null], [s.value, r.afterMinutes[s.value] ?? 30]])));
  };
  useEffect(() => { if (orgId) escalationRules(orgId).then(show, (e) => message.error(errText(e))); }, [orgId]);
  const editable = can('alert.settings.manage');
  const save = async () => {
    if (!orgId) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      show(await setEscalationRules(orgId, Object.fromEntries(SEVERITIES.map((s) => [s.value, v[`${s.value}On`] ? v[s.value] : null])) as Record<Severity, number | null>));
      message.success(t('已保存', 'Saved'));
    } catch (e) {
      message.error(errText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('预警升级时限', 'Escalation times')} style={{ maxWidth: 640 }}>
      <Typography.Paragraph>
        {t(`预警发出后若无人确认，按时限逐级通知：${LEVELS.map((l) => l.zh).join(' → ')}。确认后停止升级。`,
          `An alert nobody acknowledges goes up level by level: ${LEVELS.map((l) => l.en).join(' → ')}. Acknowledging stops it.`)}
      </Typography.Paragraph>
      {canteens.length > 1 && <Select aria-label={t('食堂', 'Canteen')} style={{ width: 220, marginBottom: 16 }} value={orgId ?? undefined} onChange={setOrgId} options={canteens.map((c) => ({ value: c.id, label: c.name }))} />}
      {rules && rules.fromOrgId === null && <Typography.Paragraph type="secondary">{t('当前使用系统默认时限。', 'The system defaults apply now.')}</Typography.Paragraph>}
      <Form form={form} layout="horizontal" disabled={!editable} labelCol={{ span: 6 }}>
        {SEVERITIES.map((s) => (
          <Form.Item key={s.value} label={<SeverityTag value={s.value} />}>
            <Space>
              <Form.Item name={`${s.value}On`} valuePropName="checked" noStyle><Switch checkedChildren={t('升级', 'Escalate')} unCheckedChildren={t('不升级', 'Never')} /></Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() => form.getFieldValue(`${s.value}On`) && (
                  <Form.Item name={s.value} noStyle rules={[{ required: true, type: 'integer', min: 1, max: 10080, message: t('1–10080 分钟', '1–10,080 minutes') }]}>
                    <InputNumber aria-label={t(`${s.zh}升级分钟数`, `${s.en} minutes`)} min={1} max={10080} precision={0} addonAfter={t('分钟/级', 'min per level')} style={{ width: 180 }} />
                  </Form.Item>
                )}
              </Form.Item>
            </Space>
          </Form.Item>
        ))}
        {editable && <Button type="primary" loading={saving} onClick={() => void save()}>{t('保存', 'Save')}</Button>}
      </Form>
    </Card>
  );
}
