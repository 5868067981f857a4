import { Alert, App, Form, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { get, post } from '../../api.ts';
import { t } from '../../i18n.ts';
import { postedLines, QtyLinesEditor, type QtyLine } from './QtyLinesEditor.tsx';
import { ReasonPicker } from './ReasonPicker.tsx';
import { PostingModal } from './PostingModal.tsx';
import { postedText, shortIds, usePosting } from './shared.tsx';
import type { Doc, StockRow } from './types.ts';

const TRANSFER_REASONS = [
  { zh: '支援兄弟食堂', en: 'Helping another canteen' },
  { zh: '临期调剂', en: 'Use before it expires' },
  { zh: '会议活动用餐', en: 'Event meal' },
];

/** The other canteens of the bureau stock may go to (the server lists them; a storekeeper cannot browse the tree). */
function useOtherCanteens(canteenId: number) {
  const [list, setList] = useState<{ id: number; name: string }[]>([]);
  useEffect(() => {
    void get<{ id: number; name: string }[]>(`/api/stock/transfer-targets?canteenId=${canteenId}`).then(setList).catch(() => setList([]));
  }, [canteenId]);
  return list;
}

/** 调拨: out of this canteen first-expiring-first, into another canteen of the bureau with the same best-before dates and cost. */
export function TransferModal({ canteenId, stock, onClose, onPosted }: { canteenId: number; stock: StockRow[]; onClose: () => void; onPosted: (doc: Doc) => void }) {
  const { message } = App.useApp();
  const canteens = useOtherCanteens(canteenId);
  const [to, setTo] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [lines, setLines] = useState<QtyLine[]>([]);
  const posting = usePosting();
  const toPost = postedLines(lines);
  const ready = !!to && !!reason.trim() && toPost.length > 0;
  const submit = async () => {
    const doc = await posting.run((requestKey) => post<Doc>('/api/stock/transfers', { canteenId, toCanteenId: to, requestKey, reason, lines: toPost }));
    if (!doc) return;
    message.success(postedText(doc, '调拨', 'Transferred'));
    onPosted(doc);
  };
  return (
    <PostingModal title={t('调拨到其他食堂', 'Transfer to another canteen')} width={860} posting={posting} ready={ready} onOk={submit} onClose={onClose} okText={t('确认调拨', 'Transfer')}>
      {!canteens.length && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('本局没有其他食堂可以调入。', 'There is no other canteen in the bureau to transfer to.')} />
      )}
      <Form layout="vertical">
        <Form.Item label={t('调入食堂', 'To canteen')} required>
          <Select aria-label={t('调入食堂', 'To canteen')} value={to} onChange={setTo} placeholder={t('选择食堂', 'Choose a canteen')} style={{ maxWidth: 360 }}
            options={canteens.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item label={t('调拨原因', 'Reason')} required>
          <ReasonPicker reasons={TRANSFER_REASONS} value={reason} onChange={setReason} label={t('调拨原因', 'Reason')} />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">{t('出库时先用最早到期的批次，保质期和成本随货转到对方食堂。', 'The earliest-expiring batches go first; their best-before dates and cost go with them.')}</Typography.Paragraph>
      <QtyLinesEditor lines={lines} onChange={setLines} stock={stock} short={shortIds(posting.error, 'ingredientId')} />
    </PostingModal>
  );
}
