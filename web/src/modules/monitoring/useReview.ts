import { App } from 'antd';
import { useState } from 'react';
import { t } from '../../i18n.ts';
import { reviewEvent, type KitchenEvent } from './api.ts';

/** Reviewing one event (desktop drawer, phone card): the note, the busy flag and the two verdicts. */
export function useReview(e: KitchenEvent, onReviewed: (e: KitchenEvent) => void) {
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'confirmed' | 'false_alarm') => {
    setBusy(true);
    try {
      const r = await reviewEvent(e.id, decision, note);
      message.success(decision === 'confirmed' ? t('已确认，已通知项目经理', 'Confirmed; the site manager is alerted') : t('已按误报关闭', 'Closed as a false alarm'));
      onReviewed({ ...e, ...r });
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { note, setNote, busy, decide };
}
