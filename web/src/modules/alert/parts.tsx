import { Alert as Notice, App, Button, Input, Modal, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { t } from '../../i18n.ts';
import { dateTime, errText } from '../ingredient/shared.tsx';
import { acknowledge, resolve, type AlertRow, type AlertSummary, type Severity } from './api.ts';

export const SEVERITIES = [
  { value: 'critical', zh: '严重', en: 'Critical', color: 'red' },
  { value: 'warning', zh: '警告', en: 'Warning', color: 'orange' },
  { value: 'info', zh: '提示', en: 'Info', color: 'blue' },
] as const;

export const STATUSES = [
  { value: 'open', zh: '待确认', en: 'Open', color: 'error' },
  { value: 'acknowledged', zh: '处理中', en: 'Acknowledged', color: 'warning' },
  { value: 'resolved', zh: '已解除', en: 'Resolved', color: 'success' },
] as const;

/** Count badges turn red while any unresolved alert is critical. */
export const badgeColor = (summary: AlertSummary | null) => (summary?.bySeverity.critical ? '#cf1322' : '#fa8c16');

export function SeverityTag({ value }: { value: Severity }) {
  const s = SEVERITIES.find((x) => x.value === value)!;
  return <Tag color={s.color} style={{ fontSize: 14 }}>{t(s.zh, s.en)}</Tag>;
}

export function StatusTag({ value }: { value: AlertRow['status'] }) {
  const s = STATUSES.find((x) => x.value === value)!;
  return <Tag color={s.color} style={{ fontSize: 14 }}>{t(s.zh, s.en)}</Tag>;
}

export const alertTitle = (a: AlertRow) => t(a.titleZh, a.titleEn);

/** Who each escalation level tells (server: alert/escalation.ts ESCALATION_LEVELS; level 0 is the kind's handlers). */
export const LEVELS = [
  { zh: '责任人', en: 'handlers' },
  { zh: '项目经理', en: 'site manager' },
  { zh: '食堂负责人', en: 'canteen head' },
  { zh: '机关事务局', en: 'bureau' },
];
const levelName = (level: number) => (LEVELS[level] ? t(LEVELS[level].zh, LEVELS[level].en) : String(level));

/** How far an alert has gone up, and when it goes further if nobody acknowledges it. */
export function EscalationTag({ alert: a }: { alert: AlertRow }) {
  return (
    <Space orientation="vertical" size={0}>
      {a.escalationLevel > 0 && <Tag color="volcano" style={{ fontSize: 14 }}>{t(`已升级至${levelName(a.escalationLevel)}`, `Escalated to ${levelName(a.escalationLevel)}`)}</Tag>}
      {a.status === 'open' && a.nextEscalationAt && (
        <Typography.Text type="secondary">{t(`${dateTime(a.nextEscalationAt)} 未确认将升级至${levelName(a.escalationLevel + 1)}`, `Unacknowledged by ${dateTime(a.nextEscalationAt)}: goes to the ${levelName(a.escalationLevel + 1)}`)}</Typography.Text>
      )}
    </Space>
  );
}

/** Raised, who was told at each level, acknowledged, resolved: the alert's life in order. */
export function AlertTimeline({ alert: a }: { alert: AlertRow }) {
  const levels = [...new Set(a.notified.map((n) => n.level))].sort((x, y) => x - y);
  const items = [
    { at: a.raisedAt, color: 'red', text: t(`发现${a.raisedByName ? `（${a.raisedByName}）` : '（系统检查）'}`, `Raised${a.raisedByName ? ` by ${a.raisedByName}` : ' by a system check'}`) },
    ...levels.map((level) => {
      const told = a.notified.filter((n) => n.level === level);
      const names = [...new Set(told.map((n) => n.name ?? '—'))].join(t('、', ', '));
      return { at: told[0]!.sentAt, color: level > 0 ? 'volcano' : 'blue',
        text: level > 0 ? t(`未及时确认，升级通知${levelName(level)}：${names}`, `Not acknowledged in time; escalated to the ${levelName(level)}: ${names}`) : t(`通知${names}`, `Told ${names}`) };
    }),
    ...(a.acknowledgedAt ? [{ at: a.acknowledgedAt, color: 'orange', text: t(`${a.acknowledgedByName ?? '—'} 确认`, `Acknowledged by ${a.acknowledgedByName ?? '—'}`) }] : []),
    ...(a.resolvedAt ? [{ at: a.resolvedAt, color: 'green', text: a.resolvedBySystem ? t('情况消除，系统解除', 'Condition cleared; resolved by the system') : t(`${a.resolvedByName ?? '—'} 处理完毕：${a.resolveNote}`, `Resolved by ${a.resolvedByName ?? '—'}: ${a.resolveNote}`) }] : []),
  ].sort((x, y) => x.at.localeCompare(y.at));
  return <Timeline items={items.map((i) => ({ color: i.color, content: <span>{dateTime(i.at)} · {i.text}</span> }))} />;
}

/** Who acknowledged and who resolved, and when: the trail the issue asks the centre to show. */
export function HandledBy({ alert: a }: { alert: AlertRow }) {
  return (
    <Space orientation="vertical" size={0}>
      {a.acknowledgedAt && (
        <Typography.Text>{t(`${a.acknowledgedByName ?? '—'} 确认于 ${dateTime(a.acknowledgedAt)}`, `Acknowledged by ${a.acknowledgedByName ?? '—'}, ${dateTime(a.acknowledgedAt)}`)}</Typography.Text>
      )}
      {a.resolvedAt && (
        <Typography.Text>
          {a.resolvedBySystem
            ? t(`情况已消除，系统自动解除于 ${dateTime(a.resolvedAt)}`, `Condition cleared; resolved by the system, ${dateTime(a.resolvedAt)}`)
            : t(`${a.resolvedByName ?? '—'} 处理于 ${dateTime(a.resolvedAt)}`, `Resolved by ${a.resolvedByName ?? '—'}, ${dateTime(a.resolvedAt)}`)}
          {a.resolveNote && <Typography.Text type="secondary">{t('：', ': ')}{a.resolveNote}</Typography.Text>}
        </Typography.Text>
      )}
      {!a.acknowledgedAt && !a.resolvedAt && <Typography.Text type="secondary">{t('尚无人确认', 'Nobody has acknowledged it yet')}</Typography.Text>}
    </Space>
  );
}

/** Acknowledge (one click) and resolve (with a note saying what was done). */
export function HandleButtons({ alert: a, onDone }: { alert: AlertRow; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [resolving, setResolving] = useState(false);
  if (a.status === 'resolved') return null;
  const ack = async () => {
    setBusy(true);
    try {
      await acknowledge(a.id);
      message.success(t('已确认，请尽快处理', 'Acknowledged; please deal with it'));
      onDone();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space>
      {a.status === 'open' && <Button loading={busy} onClick={ack}>{t('确认', 'Acknowledge')}</Button>}
      <Button type="primary" onClick={() => setResolving(true)}>{t('处理完毕', 'Resolve')}</Button>
      {resolving && <ResolveModal alert={a} onClose={() => setResolving(false)} onDone={() => { setResolving(false); onDone(); }} />}
    </Space>
  );
}

function ResolveModal({ alert: a, onClose, onDone }: { alert: AlertRow; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!note.trim()) {
      setError(t('请写明处理情况', 'Say what was done'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await resolve(a.id, note.trim());
      message.success(t('预警已解除', 'Alert resolved'));
      onDone();
    } catch (e) {
      setError(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('处理预警', 'Resolve alert')} onCancel={onClose} onOk={submit} confirmLoading={busy}
      okText={t('处理完毕', 'Resolve')} cancelText={t('取消', 'Cancel')}>
      <Typography.Paragraph strong>{alertTitle(a)}</Typography.Paragraph>
      {error && <Notice type="error" showIcon style={{ marginBottom: 12 }} title={error} />}
      <Input.TextArea aria-label={t('处理情况', 'What was done')} rows={3} maxLength={500} showCount value={note} onChange={(e) => setNote(e.target.value)}
        placeholder={t('例如：已下单补货，明早到货', 'e.g. ordered more, arriving tomorrow morning')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('若情况仍未消除，下次检查时会再次预警。', 'If the condition still holds, the next check raises the alert again.')}
      </Typography.Paragraph>
    </Modal>
  );
}
