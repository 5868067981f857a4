import { CameraOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, DatePicker, Empty, Image, Input, Modal, Progress, Select, Space, Spin, Statistic, Switch, Table, Tabs, Tag, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { labelOf, tagOf } from '../../shell/labels.tsx';
import { AREAS, BLOCKS, chinaTime, inspectionApi, ROLES, taskPhotoUrl, taskState, type Checklist, type HistoryDay, type Item, type Task, type Template, todayInChina } from './api.ts';


export function StateTag({ task }: { task: Task }) {
  const s = taskState(task);
  return <Tag color={s.color} style={{ fontSize: 14 }}>{t(s.zh, s.en)}</Tag>;
}

export function Thumbs({ ids, size = 56 }: { ids: number[]; size?: number }) {
  if (!ids.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space size={4} wrap>
        {ids.map((id) => <Image key={id} src={taskPhotoUrl(id)} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 4 }} alt={t('带水印的现场照片', 'Watermarked photo')} />)}
      </Space>
    </Image.PreviewGroup>
  );
}

const who = (x: Task) => x.personName ?? labelOf(ROLES, x.role);

/**
 * /inspection — 每日自查: the day's checklist of the current canteen by block with each item's state and its
 * watermarked photos; what is overdue; the days before; and the checklist's template.
 */
export function InspectionPage() {
  useLang();
  const { canteenId } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'day';
  const date = params.get('date') ?? todayInChina();
  const go = (next: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...next });
  const [overdue, setOverdue] = useState<Task[] | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (canteenId) inspectionApi.overdue(canteenId).then(setOverdue).catch(() => setOverdue([]));
  }, [canteenId, version]);
  if (!canteenId) return <Empty description={t('请选择食堂', 'Choose a canteen')} />;
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('每日自查', 'Daily self-inspection')}</Typography.Title>
      <Tabs activeKey={tab} onChange={(k) => go({ tab: k })} size="large" items={[
        { key: 'day', label: t('当日清单', 'Checklist'), children: <DayTab key={`${canteenId}-${date}-${version}`} canteenId={canteenId} date={date} onDate={(d) => go({ date: d })} onChange={() => setVersion((v) => v + 1)} /> },
        { key: 'overdue', label: <Badge count={overdue?.length ?? 0} offset={[10, -4]}>{t('逾期', 'Overdue')}</Badge>, children: <OverdueTab tasks={overdue} onOpen={(d) => go({ tab: 'day', date: d })} /> },
        { key: 'history', label: t('历史记录', 'History'), children: <HistoryTab key={canteenId} canteenId={canteenId} onOpen={(d) => go({ tab: 'day', date: d })} /> },
        { key: 'template', label: t('自查表模板', 'Template'), children: <TemplateTab key={canteenId} canteenId={canteenId} onSaved={() => setVersion((v) => v + 1)} /> },
      ]} />
    </div>
  );
}

function DayTab({ canteenId, date, onDate, onChange }: { canteenId: number; date: string; onDate: (d: string) => void; onChange: () => void }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [day, setDay] = useState<Checklist | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState('');
  useEffect(() => { inspectionApi.checklist(canteenId, date).then(setDay, (e: Error) => setError(e.message)); }, [canteenId, date]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!day) return <Spin size="large" />;
  const run = day.run;
  const s = run?.summary;
  const close = async () => {
    try {
      setDay(await inspectionApi.closeRun(run!.id, note.trim()));
      setClosing(false);
      message.success(t('已关闭当日自查', 'The day is closed'));
      onChange();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap size="large" align="center">
        <DatePicker size="large" allowClear={false} value={dayjs(date)} onChange={(d) => d && onDate(d.format('YYYY-MM-DD'))}
          disabledDate={(d) => d.isAfter(dayjs(todayInChina()), 'day')} aria-label={t('日期', 'Date')} />
        {run && s && (
          <>
            <Progress type="circle" size={64} percent={Math.round((100 * s.done) / Math.max(1, s.tasks))} format={() => `${s.done}/${s.tasks}`} />
            <Statistic title={t('已完成', 'Done')} value={s.done} suffix={`/ ${s.tasks}`} />
            <Statistic title={t('逾期未完成', 'Overdue')} value={s.overdue} styles={{ content: { color: s.overdue ? '#cf1322' : undefined } }} />
            {s.waived > 0 && <Statistic title={t('关闭时未完成', 'Left when closed')} value={s.waived} />}
            <Tag color={run.status === 'closed' ? 'green' : 'processing'} style={{ fontSize: 15, padding: '4px 10px' }}>
              {run.status === 'closed' ? t('已关闭', 'Closed') : t('进行中', 'Open')}
            </Tag>
            {run.status === 'open' && can('inspection.run.close') && <Button size="large" onClick={() => setClosing(true)}>{t('关闭当日自查', 'Close the day')}</Button>}
          </>
        )}
      </Space>
      {run?.status === 'closed' && run.closeNote && (
        <Alert type="info" showIcon title={t(`${run.closedByName ?? ''} 于 ${chinaTime(run.closedAt, true)} 关闭：${run.closeNote}`, `Closed by ${run.closedByName ?? ''} at ${chinaTime(run.closedAt, true)}: ${run.closeNote}`)} />
      )}
      {!run && <Empty description={t('这一天没有自查记录', 'No checklist on this day')} />}
      {run && BLOCKS.map((b) => {
        const rows = day.tasks.filter((x) => x.block === b.value);
        if (!rows.length) return null;
        const done = rows.filter((x) => x.status === 'done').length;
        return (
          <Card key={b.value} title={<Space>{tagOf(BLOCKS, b.value)}<span>{t(b.zh, b.en)}</span><Typography.Text type="secondary">{done}/{rows.length}</Typography.Text></Space>}>
            <Table<Task> rowKey="id" dataSource={rows} pagination={false} size="middle"
              columns={[
                { title: t('检查项', 'Item'), dataIndex: 'title', render: (v: string, r) => <div><div style={{ fontSize: 15 }}>{v}</div><Typography.Text type="secondary">{r.area}</Typography.Text></div> },
                { title: t('责任人', 'Assignee'), key: 'who', width: 130, render: (_: unknown, r) => who(r) },
                { title: t('截止', 'Due'), dataIndex: 'deadline', width: 70 },
                { title: t('状态', 'State'), key: 'state', width: 140, render: (_: unknown, r) => <StateTag task={r} /> },
                { title: t('结果', 'Result'), key: 'result', render: (_: unknown, r) => (r.status === 'waived' ? <Typography.Text type="secondary">{r.note}</Typography.Text>
                  : r.result === 'problem' ? <span><Tag color="orange">{t('发现问题', 'Problem')}</Tag>{r.note}</span>
                    : r.result === 'ok' ? <Tag color="green">{t('正常', 'OK')}</Tag> : '—') },
                { title: t('完成人', 'Done by'), key: 'by', width: 130, render: (_: unknown, r) => (r.doneByName ? <span>{r.doneByName}<br /><Typography.Text type="secondary">{chinaTime(r.doneAt, true)}</Typography.Text></span> : '—') },
                { title: <span><CameraOutlined /> {t('照片', 'Photos')}</span>, key: 'photos', width: 190, render: (_: unknown, r) => <Thumbs ids={r.photoIds} /> },
              ]} />
          </Card>
        );
      })}
      <Modal open={closing} title={t('关闭当日自查', 'Close the day')} onCancel={() => setClosing(false)} onOk={close} okButtonProps={{ disabled: !note.trim() }}
        okText={t('关闭', 'Close')} cancelText={t('取消', 'Cancel')}>
        <p>{t(`还有 ${(s?.tasks ?? 0) - (s?.done ?? 0)} 项未完成，关闭后记为"未完成（已关闭）"，相关逾期预警随之处理。`, `${(s?.tasks ?? 0) - (s?.done ?? 0)} items are not done; they are recorded as not done and their overdue alerts are resolved.`)}</p>
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} aria-label={t('原因', 'Reason')}
          placeholder={t('写明未完成的原因，例如：全楼停电，次日补查', 'Why the rest is not done, e.g. power cut, checked tomorrow')} />
      </Modal>
    </Space>
  );
}

function OverdueTab({ tasks, onOpen }: { tasks: Task[] | null; onOpen: (date: string) => void }) {
  return (
    <Table<Task> rowKey="id" loading={!tasks} dataSource={tasks ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={t('没有逾期的自查项', 'Nothing is overdue')} /> }}
      onRow={(r) => ({ onClick: () => onOpen(r.date), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('日期', 'Date'), dataIndex: 'date', width: 120 },
        { title: t('板块', 'Block'), dataIndex: 'block', width: 110, render: (v: string) => tagOf(BLOCKS, v) },
        { title: t('检查项', 'Item'), dataIndex: 'title' },
        { title: t('区域', 'Area'), dataIndex: 'area', width: 90 },
        { title: t('责任人', 'Assignee'), key: 'who', width: 140, render: (_: unknown, r) => who(r) },
        { title: t('截止', 'Due'), dataIndex: 'deadline', width: 80, render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
      ]} />
  );
}

function HistoryTab({ canteenId, onOpen }: { canteenId: number; onOpen: (date: string) => void }) {
  const [days, setDays] = useState<HistoryDay[] | null>(null);
  useEffect(() => { inspectionApi.history(canteenId).then((h) => setDays(h.days)).catch(() => setDays([])); }, [canteenId]);
  return (
    <Table<HistoryDay> rowKey="id" loading={!days} dataSource={days ?? []} pagination={{ pageSize: 31, hideOnSinglePage: true }}
      onRow={(r) => ({ onClick: () => onOpen(r.date), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('日期', 'Date'), dataIndex: 'date', width: 130, render: (v: string) => <span>{v} <Typography.Text type="secondary">{dayjs(v).format(t('ddd', 'ddd'))}</Typography.Text></span> },
        { title: t('完成', 'Done'), key: 'done', width: 220, render: (_: unknown, r) => <Progress percent={Math.round((100 * r.done) / Math.max(1, r.tasks))} format={() => `${r.done}/${r.tasks}`} size="small" /> },
        { title: t('超时完成', 'Late'), dataIndex: 'late', width: 100, render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : 0) },
        { title: t('逾期未完成', 'Overdue'), dataIndex: 'overdue', width: 110, render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
        { title: t('发现问题', 'Problems'), dataIndex: 'problems', width: 100 },
        { title: t('状态', 'State'), dataIndex: 'status', width: 100, render: (v: string) => <Tag color={v === 'closed' ? 'green' : 'processing'}>{v === 'closed' ? t('已关闭', 'Closed') : t('进行中', 'Open')}</Tag> },
        { title: t('关闭说明', 'Note'), dataIndex: 'closeNote', ellipsis: true, render: (v: string | null) => v ?? '' },
      ]} />
  );
}

function TemplateTab({ canteenId, onSaved }: { canteenId: number; onSaved: () => void }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [tpl, setTpl] = useState<Template | null>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const load = (x: Template) => { setTpl(x); setItems(x.items); setName(x.name); };
  useEffect(() => { inspectionApi.template(canteenId).then(load).catch((e: Error) => message.error(e.message)); }, [canteenId]);
  if (!tpl) return <Spin size="large" />;
  const editable = can('inspection.template.manage');
  const set = (i: number, patch: Partial<Item>) => setItems((cur) => cur.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const save = async () => {
    setBusy(true);
    try {
      load(await inspectionApi.saveTemplate({ canteenId, name, items: items.map(({ personName: _, ...x }) => ({ ...x, personId: x.personId ?? null })) }));
      message.success(t('已保存；今天尚未开始的检查项已随之更新', 'Saved; today’s items not yet started follow'));
      onSaved();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Input size="large" value={name} onChange={(e) => setName(e.target.value)} disabled={!editable} style={{ width: 280 }} aria-label={t('自查表名称', 'Checklist name')} />
        {editable && <Button size="large" icon={<PlusOutlined />} onClick={() => setItems((cur) => [...cur, { block: 'safety', title: '', area: '后厨', role: 'area_warden', deadline: '10:00', requiresPhoto: true }])}>{t('添加检查项', 'Add item')}</Button>}
        {editable && <Button size="large" type="primary" icon={<SaveOutlined />} loading={busy} onClick={save}>{t('保存', 'Save')}</Button>}
        <Typography.Text type="secondary">{t(`${tpl.updatedByName ?? '系统'} 更新于 ${dayjs(tpl.updatedAt).format('YYYY-MM-DD HH:mm')}`, `Updated ${dayjs(tpl.updatedAt).format('YYYY-MM-DD HH:mm')} by ${tpl.updatedByName ?? 'the system'}`)}</Typography.Text>
      </Space>
      <Table<Item & { key: number }> rowKey="key" dataSource={items.map((x, key) => ({ ...x, key }))} pagination={false} size="middle"
        columns={[
          { title: t('板块', 'Block'), key: 'block', width: 130, render: (_: unknown, r) => <Select value={r.block} disabled={!editable} style={{ width: 120 }} onChange={(v) => set(r.key, { block: v })} options={BLOCKS.map((b) => ({ value: b.value, label: t(b.zh, b.en) }))} aria-label={t('板块', 'Block')} /> },
          { title: t('检查内容', 'What to check'), key: 'title', render: (_: unknown, r) => <Input value={r.title} disabled={!editable} maxLength={100} status={r.title.trim() ? undefined : 'error'} onChange={(e) => set(r.key, { title: e.target.value })} aria-label={t('检查内容', 'What to check')} /> },
          { title: t('区域', 'Area'), key: 'area', width: 120, render: (_: unknown, r) => <Select value={r.area} disabled={!editable} style={{ width: 110 }} onChange={(v) => set(r.key, { area: v })} options={[...new Set([...AREAS, r.area])].map((a) => ({ value: a, label: a }))} aria-label={t('区域', 'Area')} /> },
          { title: t('责任角色', 'Role'), key: 'role', width: 160, render: (_: unknown, r) => <Select value={r.role} disabled={!editable} style={{ width: 150 }} onChange={(v) => set(r.key, { role: v, personId: null })} options={ROLES.map((x) => ({ value: x.value, label: t(x.zh, x.en) }))} aria-label={t('责任角色', 'Role')} /> },
          { title: t('指定人员', 'Person'), key: 'person', width: 140, render: (_: unknown, r) => <Select value={r.personId ?? undefined} disabled={!editable} allowClear placeholder={t('该角色任一人', 'Anyone in the role')} style={{ width: 130 }}
            onChange={(v) => set(r.key, { personId: v ?? null })} options={tpl.people[r.role].map((p) => ({ value: p.id, label: p.name }))} aria-label={t('指定人员', 'Person')} /> },
          { title: t('截止时间', 'Due by'), key: 'deadline', width: 120, render: (_: unknown, r) => <TimePicker format="HH:mm" minuteStep={5} allowClear={false} disabled={!editable} style={{ width: 100 }}
            value={dayjs(`2000-01-01T${r.deadline}`)} onChange={(v) => v && set(r.key, { deadline: v.format('HH:mm') })} aria-label={t('截止时间', 'Due by')} /> },
          { title: t('需拍照', 'Photo'), key: 'photo', width: 80, render: (_: unknown, r) => <Switch checked={r.requiresPhoto} disabled={!editable} onChange={(v) => set(r.key, { requiresPhoto: v })} aria-label={t('需拍照', 'Photo')} /> },
          ...(editable ? [{ title: '', key: 'del', width: 56, render: (_: unknown, r: Item & { key: number }) => <Button danger type="text" icon={<DeleteOutlined />} aria-label={t('删除', 'Remove')} onClick={() => setItems((cur) => cur.filter((_, j) => j !== r.key))} /> }] : []),
        ]} />
    </Space>
  );
}
