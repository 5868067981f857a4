import { Alert, App, Segmented, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { get, post } from '../../api.ts';
import { t } from '../../i18n.ts';
import { DateInput } from '../ingredient/shared.tsx';
import { postedLines, QtyLinesEditor, type QtyLine } from './QtyLinesEditor.tsx';
import { PostingModal } from './PostingModal.tsx';
import { postedText, shortIds, STOCK_MEALS, usePosting } from './shared.tsx';
import type { Doc, StockRow } from './types.ts';

interface Proposal { ingredientId: number; code: string; name: string; nameEn: string; category: string; needG: number; issuedG: number; onHandG: number; proposedG: number }

/** The meal about to be cooked: breakfast before 9, lunch before 14, dinner after. */
const mealNow = () => {
  const h = dayjs().hour();
  return h < 9 ? 'breakfast' : h < 14 ? 'lunch' : 'dinner';
};

/**
 * 领用出库: pick the day and meal, the published menu plan proposes what the kitchen needs (less what
 * was already issued, at most what is on hand); quantities stay editable; posted first-expiring-first.
 */
export function IssueModal({ canteenId, stock, onClose, onPosted }: { canteenId: number; stock: StockRow[]; onClose: () => void; onPosted: (doc: Doc) => void }) {
  const { message } = App.useApp();
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [meal, setMeal] = useState<string>(mealNow());
  const [lines, setLines] = useState<QtyLine[]>([]);
  const [loading, setLoading] = useState(false);
  const [planned, setPlanned] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const posting = usePosting();
  const units = new Map(stock.map((s) => [s.ingredientId, s]));

  useEffect(() => {
    let live = true;
    setLoading(true);
    setLoadError(null);
    posting.clearError();
    void get<Proposal[]>(`/api/stock/issue-proposal?canteenId=${canteenId}&date=${date.format('YYYY-MM-DD')}&meal=${meal}`)
      .then((p) => {
        if (!live) return;
        setPlanned(p.length > 0);
        setLines(p.map((x) => ({
          ingredientId: x.ingredientId, code: x.code, name: x.name, nameEn: x.nameEn, purchaseUnit: units.get(x.ingredientId)?.purchaseUnit ?? 'kg', gramsPerUnit: units.get(x.ingredientId)?.gramsPerUnit ?? 1000,
          onHandG: x.onHandG, qtyG: x.proposedG || null, needG: x.needG, issuedG: x.issuedG,
        })));
      })
      .catch((e) => live && setLoadError((e as Error).message))
      .finally(() => live && setLoading(false));
    return () => { live = false; };
  }, [canteenId, date.format('YYYY-MM-DD'), meal]);

  const toPost = postedLines(lines);
  const submit = async () => {
    const doc = await posting.run((requestKey) => post<Doc>('/api/stock/issues', { canteenId, requestKey, businessDate: date.format('YYYY-MM-DD'), meal, lines: toPost }));
    if (!doc) return;
    message.success(postedText(doc, '领用出库', 'Issued'));
    onPosted(doc);
  };

  return (
    <PostingModal title={t('领用出库', 'Issue to the kitchen')} width={900} posting={posting} ready={toPost.length > 0} onOk={submit} onClose={onClose}
      okText={toPost.length ? t(`确认领用（${toPost.length} 种）`, `Issue ${toPost.length} ingredients`) : t('确认领用', 'Issue')}>
      <Space wrap size="large" style={{ marginBottom: 16 }}>
        <Space>
          <Typography.Text>{t('日期', 'Date')}</Typography.Text>
          <DateInput aria-label={t('领用日期', 'Issue date')} allowClear={false} value={date} onChange={(d) => d && !Array.isArray(d) && setDate(d)} disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: 170 }} />
        </Space>
        <Space>
          <Typography.Text>{t('餐次', 'Meal')}</Typography.Text>
          <Segmented size="large" value={meal} onChange={(v) => setMeal(String(v))} options={STOCK_MEALS.map((m) => ({ value: m.value, label: t(m.zh, m.en) }))} />
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">
        {t('按这一餐已发布的菜单算出需用量，扣除已领的部分，最多到现有库存。数量可以修改；出库时先用最早到期的批次。', 'From this meal\'s published menu: what it needs, less what was already issued, at most what is on hand. Change any quantity; the earliest-expiring batches go first.')}
      </Typography.Paragraph>
      {loadError && <Alert type="error" showIcon title={loadError} style={{ marginBottom: 12 }} />}
      {!loading && !planned && !loadError && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('这一餐没有已发布的菜单。可以在下面手工添加要领用的食材。', 'This meal has no published menu. Add what to issue below.')} />
      )}
      <Spin spinning={loading}>
        <QtyLinesEditor lines={lines} onChange={setLines} stock={stock} short={shortIds(posting.error, 'ingredientId')} withNeed={planned} />
      </Spin>
    </PostingModal>
  );
}
