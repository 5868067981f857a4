import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Card, Descriptions, Segmented, Select, Space, Table, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { dateTime, errText, Plain } from '../ingredient/shared.tsx';
import { alertKinds, listAlerts, useAlertRefresh, useAlertSummary, type AlertKind, type AlertRow } from './api.ts';
import { AlertHistoryPanel, EscalationSettings } from './AlertHistory.tsx';
import { alertTitle, AlertTimeline, badgeColor, EscalationTag, HandleButtons, HandledBy, SEVERITIES, SeverityTag, StatusTag } from './parts.tsx';

const STATUS_FILTERS = [
  { value: 'unresolved', zh: '未解除', en: 'Unresolved' },
  { value: 'open', zh: '待确认', en: 'Open' },
  { value: 'acknowledged', zh: '处理中', en: 'Acknowledged' },
  { value: 'resolved', zh: '已解除', en: 'Resolved' },
  { value: '', zh: '全部', en: 'All' },
];

/** /alerts: the alert centre — every module's alerts to acknowledge and resolve, a canteen's history, the escalation times. */
export function AlertsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'current';
  const [kinds, setKinds] = useState<AlertKind[]>([]);
  const { message } = App.useApp();
  useEffect(() => { alertKinds().then(setKinds, (e) => message.error(errText(e))); }, []);
  return (
    <Plain>
      <Card title={t('预警中心', 'Alert centre')}>
        <Tabs size="large" activeKey={tab} onChange={(k) => setParams(k === 'current' ? {} : { tab: k }, { replace: true })} items={[
          { key: 'current', label: t('预警', 'Alerts'), children: <CurrentAlerts kinds={kinds} /> },
          { key: 'history', label: t('历史与统计', 'History'), children: <AlertHistoryPanel kinds={kinds} /> },
          { key: 'escalation', label: t('升级时限', 'Escalation'), children: <EscalationSettings /> },
        ]} />
      </Card>
    </Plain>
  );
}

function CurrentAlerts({ kinds }: { kinds: AlertKind[] }) {
  const { me, can } = useSession();
  const { message } = App.useApp();
  const [rows, setRows] = useState<AlertRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [orgId, setOrgId] = useState<number | undefined>(undefined);
  const [status, setStatus] = useState('unresolved');
  const [severity, setSeverity] = useState('');
  const [kind, setKind] = useState<string | undefined>(undefined);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await listAlerts({ orgId, status, severity, kind }));
    } catch (e) {
      message.error(errText(e));
    } finally {
      setLoading(false);
    }
  }, [orgId, status, severity, kind]);
  useAlertRefresh(() => void load(), [load]);
  const kindLabel = (k: string) => {
    const d = kinds.find((x) => x.key === k);
    return d ? t(d.zh, d.en) : k;
  };
  const handler = can('alert.alert.handle');

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, marginBottom: 16, alignItems: 'center' }}>
        {(me?.canteens.length ?? 0) > 1 && (
          <Select allowClear aria-label={t('食堂', 'Canteen')} placeholder={t('全部食堂', 'All canteens')} style={{ width: 200 }} value={orgId} onChange={setOrgId}
            options={me!.canteens.map((c) => ({ value: c.id, label: c.name }))} />
        )}
        <Segmented value={status} onChange={(v) => setStatus(String(v))} options={STATUS_FILTERS.map((s) => ({ value: s.value, label: t(s.zh, s.en) }))} />
        <Segmented value={severity} onChange={(v) => setSeverity(String(v))}
          options={[{ value: '', label: t('全部级别', 'Any severity') }, ...SEVERITIES.map((s) => ({ value: s.value, label: t(s.zh, s.en) }))]} />
        <Select allowClear aria-label={t('类型', 'Kind')} placeholder={t('全部类型', 'All kinds')} style={{ width: 200 }} value={kind} onChange={setKind}
          options={kinds.map((k) => ({ value: k.key, label: t(k.zh, k.en) }))} />
      </div>
      <Table rowKey="id" loading={loading} dataSource={rows} pagination={{ pageSize: 30, showSizeChanger: false }}
        expandable={{ expandedRowRender: (a) => <AlertDetail alert={a} /> }}
        onRow={(a) => ({ style: a.status === 'resolved' ? { opacity: 0.65 } : undefined })}
        columns={[
          { title: t('级别', 'Severity'), dataIndex: 'severity', width: 90, render: (v) => <SeverityTag value={v} /> },
          { title: t('预警', 'Alert'), render: (_, a) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong style={a.severity === 'critical' && a.status !== 'resolved' ? { color: '#cf1322' } : undefined}>{alertTitle(a)}</Typography.Text>
              <Typography.Text type="secondary">{a.orgName} · {kindLabel(a.kind)}</Typography.Text>
            </Space>
          ) },
          { title: t('发现时间', 'Raised'), dataIndex: 'raisedAt', width: 130, render: dateTime },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 100, render: (v) => <StatusTag value={v} /> },
          { title: t('确认与处理', 'Handled'), render: (_, a) => <Space orientation="vertical" size={4}><HandledBy alert={a} /><EscalationTag alert={a} /></Space> },
          ...(handler ? [{ title: '', width: 210, render: (_: unknown, a: AlertRow) => <HandleButtons alert={a} onDone={() => void load()} /> }] : []),
        ]} />
    </>
  );
}

function AlertDetail({ alert: a }: { alert: AlertRow }) {
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }}>
      <Descriptions.Item label={t('首次发现', 'First raised')}>{dateTime(a.raisedAt)}{a.raisedByName ? ` · ${a.raisedByName}` : ` · ${t('系统检查', 'system check')}`}</Descriptions.Item>
      <Descriptions.Item label={t('最近一次', 'Last seen')}>{dateTime(a.lastSeenAt)} {t(`（共 ${a.seenCount} 次）`, `(${a.seenCount} times)`)}</Descriptions.Item>
      {a.link?.path && <Descriptions.Item label={t('相关记录', 'Related')}><Link to={a.link.path}>{t('打开', 'Open')}</Link></Descriptions.Item>}
      <Descriptions.Item label={t('经过', 'Timeline')} span={2}><AlertTimeline alert={a} /></Descriptions.Item>
    </Descriptions>
  );
}

/**
 * The menu icon of the alert centre, with the count of alerts nobody has acknowledged yet. The menu
 * label is plain text, so the count rides on the icon, with room kept for it before the label.
 */
export function AlertNavIcon() {
  const summary = useAlertSummary();
  const open = summary?.open ?? 0;
  return (
    <span style={{ display: 'inline-flex', paddingInlineEnd: open ? 10 : 0 }}>
      <Badge count={open} size="small" offset={[6, -2]} color={badgeColor(summary)}>
        <BellOutlined />
      </Badge>
    </span>
  );
}
