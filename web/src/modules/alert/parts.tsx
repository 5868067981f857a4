import { Alert as Notice, App, Button, Input, Modal, Space, Tag, Typography } from 'antd';
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
