import { DesktopOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, Modal, Segmented, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { DateInput, Plain, useDialogSave } from '../ingredient/shared.tsx';
import { workerApi, type Check, type Roster, type RosterEntry } from './api.ts';
import { CertificateTag, jobLabel, RosterTag, STATUS_COLOR, symptomText, WorkerAvatar } from './parts.tsx';

const time = (iso: string) => dayjs(iso).format('HH:mm');
const reasons = (c: Check) => t(c.reasonText.zh, c.reasonText.en);
const who = (c: Check) => (c.source === 'device' ? t(`晨检仪 ${c.deviceCode ?? ''}`, `Kiosk ${c.deviceCode ?? ''}`) : c.checkedByName ?? '—');
const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('是', 'yes') : <Typography.Text type="danger">{t('否', 'no')}</Typography.Text>);

/**
 * /workers/checks — 晨检: the roster of a day (fit, not fit, not yet, absent after the cut-off),
 * the absent list, and the history of checks over a date range.
 */
export function MorningChecksPage() {
  useLang();
  const { canteenId, can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'day';
  const date = params.get('date') ?? dayjs().format('YYYY-MM-DD');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const set = (next: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...next }, { replace: true });
  return (
    <Plain>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('晨检', 'Morning checks')}</Typography.Title>
        <Space wrap>
          {can('worker.setting.write') && <Button size="large" icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)}>{t('晨检设置', 'Settings')}</Button>}
          {can('worker.check.write') && <Button size="large" type="primary" icon={<DesktopOutlined />} href="/kiosk/morning-check">{t('打开晨检页（平板）', 'Open the kiosk page (tablet)')}</Button>}
        </Space>
      </Space>
      {canteenId ? (
        <Tabs size="large" activeKey={tab} onChange={(k) => set({ tab: k })} items={[
          { key: 'day', label: t('当日名单', 'Day roster'), children: <DayRoster canteenId={canteenId} date={date} onDate={(d) => set({ date: d })} /> },
          { key: 'history', label: t('历史记录', 'History'), children: <History canteenId={canteenId} /> },
        ]} />
      ) : <Empty description={t('请先选择食堂', 'Choose a canteen first')} />}
      {settingsOpen && canteenId && <SettingsModal canteenId={canteenId} onClose={() => setSettingsOpen(false)} />}
    </Plain>
  );
}

function DayRoster({ canteenId, date, onDate }: { canteenId: number; date: string; onDate: (d: string) => void }) {
  const { message } = App.useApp();
  const [roster, setRoster] = useState<Roster | null>(null);
  const [filter, setFilter] = useState<string>('all');
  const load = () => void workerApi.roster(canteenId, date).then(setRoster, (e: Error) => message.error(e.message));
  useEffect(() => {
    setRoster(null);
    load();
    const timer = setInterval(load, 30_000);
    return () => clearInterval(timer);
  }, [canteenId, date]);
  const c = roster?.counts;
  const rows = (roster?.workers ?? []).filter((w) => filter === 'all' || w.status === filter)
    .sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name, 'zh'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap size="large" align="center">
        <DateInput size="large" allowClear={false} value={dayjs(date)} onChange={(d) => { if (d && !Array.isArray(d)) onDate(d.format('YYYY-MM-DD')); }} />
        <Button size="large" icon={<ReloadOutlined />} onClick={load}>{t('刷新', 'Refresh')}</Button>
        {roster && (
          <Typography.Text type="secondary" style={{ fontSize: 16 }}>
            {roster.cutoffPassed ? t(`已过 ${roster.cutoff} 截止时间，未检者记为缺勤`, `Past the ${roster.cutoff} cut-off: anyone unchecked is absent`) : t(`${roster.cutoff} 前未检者记为缺勤`, `Unchecked by ${roster.cutoff} counts as absent`)}
            {t(`；体温 ≥ ${roster.feverC} °C 为发热`, `; ≥ ${roster.feverC} °C is a fever`)}
          </Typography.Text>
        )}
      </Space>
      {c && (
        <Space wrap size={32}>
          <Statistic title={t('在册人数', 'On the roster')} value={c.workers} />
          <Statistic title={t('合格', 'Fit')} value={c.fit} styles={{ content: { color: STATUS_COLOR.fit } }} />
          <Statistic title={t('不合格', 'Not fit')} value={c.unfit} styles={{ content: { color: STATUS_COLOR.unfit } }} />
          <Statistic title={t('未检', 'Not yet')} value={c.pending} />
          <Statistic title={t('缺勤', 'Absent')} value={c.absent} styles={{ content: { color: c.absent ? STATUS_COLOR.absent : undefined } }} />
        </Space>
      )}
      {roster && roster.absent.length > 0 && (
        <Alert type="warning" showIcon style={{ fontSize: 16 }}
          title={t(`缺勤 ${roster.absent.length} 人：${roster.absent.map((a) => `${a.name}（${jobLabel(a.job)}）`).join('、')}`,
            `${roster.absent.length} absent: ${roster.absent.map((a) => `${a.name} (${jobLabel(a.job)})`).join(', ')}`)} />
      )}
      {roster && roster.counts.unfit > 0 && (
        <Alert type="error" showIcon style={{ fontSize: 16 }}
          title={t('不合格人员不得上岗：', 'Not fit, may not work today: ') + roster.workers.filter((w) => w.status === 'unfit').map((w) => `${w.name}（${reasons(w.check!)}）`).join(t('、', ', '))} />
      )}
      <Card>
        <Segmented size="large" value={filter} onChange={(v) => setFilter(String(v))} style={{ marginBottom: 12 }} options={[
          { value: 'all', label: t('全部', 'All') }, { value: 'fit', label: t('合格', 'Fit') }, { value: 'unfit', label: t('不合格', 'Not fit') },
          { value: roster?.cutoffPassed ? 'absent' : 'pending', label: roster?.cutoffPassed ? t('缺勤', 'Absent') : t('未检', 'Not yet') },
        ]} />
        <Table<RosterEntry> rowKey="workerId" loading={!roster} dataSource={rows} pagination={false}
          locale={{ emptyText: <Empty description={t('这一天没有在册人员', 'Nobody on the roster that day')} /> }}
          columns={[
            { title: '', key: 'photo', width: 56, render: (_: unknown, w) => <WorkerAvatar id={w.workerId} name={w.name} photoAt={w.photoAt} /> },
            { title: t('姓名', 'Name'), dataIndex: 'name', render: (v: string) => <span style={{ fontSize: 16 }}>{v}</span> },
            { title: t('岗位', 'Job'), dataIndex: 'job', render: jobLabel },
            { title: t('结果', 'Result'), dataIndex: 'status', render: (s: RosterEntry['status']) => <RosterTag status={s} /> },
            { title: t('体温', 'Temp.'), key: 'temp', render: (_: unknown, w) => (w.check ? <span style={{ color: w.check.reasons.includes('fever') ? STATUS_COLOR.unfit : undefined }}>{w.check.temperatureC.toFixed(1)} °C</span> : '—') },
            { title: t('不合格原因', 'Why not fit'), key: 'why', render: (_: unknown, w) => (w.check && !w.check.fit ? <Typography.Text type="danger">{reasons(w.check)}</Typography.Text> : '') },
            { title: t('时间', 'Time'), key: 'at', render: (_: unknown, w) => (w.check ? <>{time(w.check.checkedAt)}{w.check.rechecks > 0 && <Tag style={{ marginLeft: 6 }}>{t('复检', 'Re-checked')}</Tag>}</> : '—') },
            { title: t('检查人 / 设备', 'Checked by'), key: 'who', render: (_: unknown, w) => (w.check ? who(w.check) : '—') },
            { title: t('健康证', 'Certificate'), key: 'cert', render: (_: unknown, w) => <CertificateTag certificate={w.certificate} /> },
          ]} />
      </Card>
    </Space>
  );
}

const STATUS_ORDER = { unfit: 0, absent: 1, pending: 2, fit: 3 } as const;
const order = (w: RosterEntry) => STATUS_ORDER[w.status];

function History({ canteenId }: { canteenId: number }) {
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(13, 'day'), dayjs()]);
  const [fit, setFit] = useState<'all' | 'true' | 'false'>('all');
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<Check[] | null>(null);
  useEffect(() => {
    setRows(null);
    workerApi.checks({ canteenId, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), fit: fit === 'all' ? undefined : fit })
      .then(setRows, (e: Error) => message.error(e.message));
  }, [canteenId, range[0].valueOf(), range[1].valueOf(), fit]);
  const shown = (rows ?? []).filter((r) => !q.trim() || r.workerName.includes(q.trim()) || r.badge.includes(q.trim()));
  // Per day: how many were checked and how many of them failed.
  const days = [...new Set(shown.map((r) => r.date))];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker.RangePicker size="large" allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        <Segmented size="large" value={fit} onChange={(v) => setFit(v as typeof fit)} options={[
          { value: 'all', label: t('全部', 'All') }, { value: 'false', label: t('只看不合格', 'Not fit only') }, { value: 'true', label: t('合格', 'Fit') },
        ]} />
        <Input.Search size="large" allowClear placeholder={t('姓名或工牌号', 'Name or badge')} style={{ width: 220 }} value={q} onChange={(e) => setQ(e.target.value)} />
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 16 }}>
        {t(`${days.length} 天，${shown.length} 人次晨检，其中不合格 ${shown.filter((r) => !r.fit).length} 人次`, `${days.length} days, ${shown.length} checks, ${shown.filter((r) => !r.fit).length} not fit`)}
      </Typography.Text>
      <Table<Check> rowKey="id" loading={!rows} dataSource={shown} pagination={{ pageSize: 50, hideOnSinglePage: true }} size="middle"
        columns={[
          { title: t('日期', 'Date'), dataIndex: 'date', width: 110 },
          { title: t('时间', 'Time'), dataIndex: 'checkedAt', width: 70, render: time },
          { title: t('姓名', 'Name'), dataIndex: 'workerName' },
          { title: t('岗位', 'Job'), dataIndex: 'job', render: jobLabel },
          { title: t('体温', 'Temp.'), dataIndex: 'temperatureC', render: (v: number, r) => <span style={{ color: r.reasons.includes('fever') ? STATUS_COLOR.unfit : undefined }}>{v.toFixed(1)} °C</span> },
          { title: t('手部', 'Hands'), dataIndex: 'handsOk', render: yesNo },
          { title: t('症状', 'Symptoms'), dataIndex: 'symptoms', render: (v: number[]) => symptomText(v) },
          { title: t('着装', 'Dress'), key: 'dress', render: (_: unknown, r) => (r.uniformOk === null ? '—' : [r.uniformOk, r.hatOk, r.maskOk, r.nailsOk, r.noJewellery].every(Boolean) ? t('合格', 'OK') : <Typography.Text type="danger">{t('不合格', 'Not OK')}</Typography.Text>) },
          { title: t('结果', 'Result'), dataIndex: 'fit', render: (v: boolean, r) => <Space size={4} wrap><RosterTag status={v ? 'fit' : 'unfit'} />{!v && <Typography.Text type="danger">{reasons(r)}</Typography.Text>}</Space> },
          { title: t('检查人 / 设备', 'Checked by'), key: 'who', render: (_: unknown, r) => who(r) },
        ]} />
    </Space>
  );
}

function SettingsModal({ canteenId, onClose }: { canteenId: number; onClose: () => void }) {
  const [form] = Form.useForm();
  const [loaded, setLoaded] = useState(false);
  const { busy, error, submit } = useDialogSave(form, onClose);
  useEffect(() => {
    workerApi.settings(canteenId).then((s) => { form.setFieldsValue(s); setLoaded(true); }, () => setLoaded(true));
  }, [canteenId]);
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) await submit(() => workerApi.setSettings({ canteenId, ...v }));
  };
  return (
    <Modal open title={t('晨检与健康证设置', 'Morning check and certificate settings')} onCancel={onClose} onOk={save} confirmLoading={busy}
      okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')} okButtonProps={{ disabled: !loaded }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" size="large">
        <Form.Item name="feverC" label={t('发热标准（°C，达到即不合格）', 'Fever at or above (°C): not fit')} rules={[{ required: true }]}>
          <InputNumber min={37} max={38.5} step={0.1} precision={1} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="cutoff" label={t('晨检截止时间（之后未检记为缺勤）', 'Check cut-off (unchecked after it: absent)')}
          rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('格式 HH:MM，如 09:30', 'As HH:MM, e.g. 09:30') }]}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="certificateWarnDays" label={t('健康证到期前提醒天数', 'Warn this many days before a certificate runs out')} rules={[{ required: true }]}>
          <InputNumber min={1} max={180} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
