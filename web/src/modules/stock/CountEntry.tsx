import { CheckOutlined, SearchOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Grid, Input, Segmented, Typography } from 'antd';
import { useEffect, useReducer, useRef, useState } from 'react';
import { post, put } from '../../api.ts';
import { t } from '../../i18n.ts';
import { varianceColor, signedKg, signedYuan, varianceFenOf, type BatchValue, type CountLine, type CountSheet } from './CountModel.ts';
import { KgInput, kg3, nameOf, postingErrorText, unitApprox } from './shared.tsx';

type Filter = 'all' | 'todo' | 'diff';
const SAVE_AFTER_MS = 700;

const CSS = `
.count-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 12px; }
.count-card { border: 1px solid #d9d9d9; border-radius: 10px; padding: 12px 14px; background: #fff; }
.count-card.done { border-color: #95de64; background: #fcfffa; }
.count-card.diff { border-color: #ffa39e; }
.count-input.ant-input-number { width: 100%; }
.count-input input { font-size: 24px !important; height: 54px !important; font-variant-numeric: tabular-nums; }
.count-bar { position: sticky; bottom: 0; z-index: 5; margin: 16px -4px 0; padding: 10px 12px; background: #fff; border-top: 1px solid #e8e8e8;
  box-shadow: 0 -4px 12px rgba(0,0,0,.06); display: flex; gap: 10px; align-items: center; justify-content: space-between; }
@media (max-width: 575px) { .count-grid { grid-template-columns: 1fr; } }
`;

/** Counted quantities typed on the sheet but not yet saved, and the saving of them a moment after the last keystroke. */
function useAutosave(id: number, onSaved: (s: CountSheet) => void) {
  const drafts = useRef(new Map<number, number | null>());
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const flush = async (): Promise<boolean> => {
    clearTimeout(timer.current);
    while (inFlight.current) await inFlight.current;
    const sent = new Map(drafts.current);
    if (!sent.size) return true;
    setSaving(true);
    inFlight.current = put<CountSheet>(`/api/stock/counts/${id}/lines`, { lines: [...sent].map(([batchId, countedG]) => ({ batchId, countedG })) })
      .then((s) => {
        // Keep what was typed while the request was on its way.
        for (const [k, v] of sent) if (drafts.current.get(k) === v) drafts.current.delete(k);
        setError(null);
        onSaved(s);
        return true;
      })
      .catch((e) => { setError(postingErrorText(e)); return false; })
      .finally(() => { inFlight.current = null; setSaving(false); rerender(); });
    return inFlight.current;
  };
  const set = (batchId: number, g: number | null) => {
    drafts.current.set(batchId, g);
    rerender();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_AFTER_MS);
  };
  // Leaving the page saves what is pending; closing the tab with unsaved counts asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => { if (drafts.current.size) e.preventDefault(); };
    window.addEventListener('beforeunload', warn);
    return () => { window.removeEventListener('beforeunload', warn); if (drafts.current.size) void flush(); };
  }, []);
  return { drafts: drafts.current, set, flush, saving, error };
}

/**
 * Entering a count: one card per batch with the book quantity, a large kilogram input and a
 * 与账面一致 button; the difference in kg and yuan shows at once. Entries save themselves; 提交审核
 * at the foot once every batch has a number.
 */
export function CountEntry({ sheet, batches, onSheet }: { sheet: CountSheet; batches: Map<number, BatchValue>; onSheet: (s: CountSheet) => void }) {
  const { message } = App.useApp();
  const narrow = !Grid.useBreakpoint().sm;
  const { drafts, set, flush, saving, error } = useAutosave(sheet.id, onSheet);
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);

  const countedOf = (l: CountLine) => (drafts.has(l.batchId) ? drafts.get(l.batchId)! : l.countedG);
  const fenOf = (l: CountLine): number | null => {
    const c = countedOf(l);
    if (c === null) return null;
    if (!drafts.has(l.batchId) && l.varianceFen !== null) return l.varianceFen;
    const b = batches.get(l.batchId);
    return b ? varianceFenOf(c - l.bookG, b) : null;
  };
  const lines = sheet.lines;
  const todo = lines.filter((l) => countedOf(l) === null);
  const diff = lines.filter((l) => { const c = countedOf(l); return c !== null && c !== l.bookG; });
  const total = lines.reduce((s, l) => s + (fenOf(l) ?? 0), 0);
  const needle = search.trim().toLowerCase();
  const shown = (filter === 'todo' ? todo : filter === 'diff' ? diff : lines)
    .filter((l) => !needle || `${l.name} ${l.nameEn} ${l.code}`.toLowerCase().includes(needle));

  const submit = async () => {
    setSubmitting(true);
    setSubmitError(null);
    try {
      if (!(await flush())) return;
      onSheet(await post<CountSheet>(`/api/stock/counts/${sheet.id}/submit`));
      message.success(t('已提交，等待食堂负责人审核', 'Submitted; the canteen head will check it'));
    } catch (e) {
      setSubmitError(postingErrorText(e));
    } finally {
      setSubmitting(false);
    }
  };
  const focusNext = (i: number) => (document.querySelector(`[data-count-index="${i + 1}"] input`) as HTMLInputElement | null)?.focus();

  return (
    <div>
      <style>{CSS}</style>
      <Alert type="info" showIcon style={{ marginBottom: 12, fontSize: narrow ? 15 : 16 }}
        title={narrow ? t('填实际数量；和账面一样就点「与账面一致」。自动保存。', 'Type what is there, or press 与账面一致. Saves itself.')
          : t('逐个批次称量或清点，把实际数量填进去；和账面一样就点「与账面一致」。填的数字会自动保存。', 'Weigh or count each batch and type what is there; if it matches the book, press 与账面一致. What you type saves itself.')} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 10, marginBottom: 12, alignItems: 'center' }}>
        <Segmented<Filter> size="large" value={filter} onChange={setFilter} options={[
          { value: 'all', label: t(`全部 ${lines.length}`, `All ${lines.length}`) },
          { value: 'todo', label: t(`未录 ${todo.length}`, `To do ${todo.length}`) },
          { value: 'diff', label: t(`有差异 ${diff.length}`, `Differ ${diff.length}`) },
        ]} />
        <Input size="large" allowClear prefix={<SearchOutlined />} placeholder={t('查找食材', 'Find an ingredient')} value={search} onChange={(e) => setSearch(e.target.value)}
          style={{ width: narrow ? '100%' : 260 }} aria-label={t('查找食材', 'Find an ingredient')} />
      </div>
      {shown.length === 0 && <Typography.Paragraph type="secondary" style={{ fontSize: 16, padding: 24, textAlign: 'center' }}>{filter === 'todo' ? t('全部录完了，可以提交审核。', 'All counted: you can submit.') : t('没有符合条件的批次', 'Nothing matches')}</Typography.Paragraph>}
      <div className="count-grid">
        {shown.map((l, i) => (
          <LineCard key={l.batchId} index={i} line={l} counted={countedOf(l)} fen={fenOf(l)} batch={batches.get(l.batchId)}
            onChange={(g) => set(l.batchId, g)} onNext={() => focusNext(i)} />
        ))}
      </div>
      <div className="count-bar">
        <div style={{ fontSize: narrow ? 15 : 16, minWidth: 0 }}>
          <div>{t('已录', 'Counted')} <b>{lines.length - todo.length}</b> / {lines.length}</div>
          <div>{t('差异', 'Difference')} <b style={{ color: varianceColor(total) }}>{signedYuan(total)}</b></div>
          <Typography.Text type={error ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
            {error ? t(`保存失败：${error}`, `Not saved: ${error}`) : saving ? t('正在保存…', 'Saving…') : drafts.size ? t('稍后自动保存', 'Saving shortly') : t('已自动保存', 'Saved')}
          </Typography.Text>
        </div>
        <Button type="primary" size="large" icon={<SendOutlined />} disabled={todo.length > 0} loading={submitting} onClick={() => void submit()} style={{ minHeight: 52, fontSize: 18, flex: 'none' }}>
          {todo.length ? t(`还差 ${todo.length} 个`, `${todo.length} to go`) : t('提交审核', 'Submit')}
        </Button>
      </div>
      {submitError && <Alert type="error" showIcon title={submitError} style={{ marginTop: 12, fontSize: 16 }} />}
    </div>
  );
}

function LineCard({ index, line: l, counted, fen, batch, onChange, onNext }: {
  index: number; line: CountLine; counted: number | null; fen: number | null; batch?: BatchValue; onChange: (g: number | null) => void; onNext: () => void;
}) {
  const v = counted === null ? null : counted - l.bookG;
  const same = counted !== null && counted === l.bookG;
  const approx = l.purchaseUnit && l.gramsPerUnit ? unitApprox(l.bookG, l.purchaseUnit, l.gramsPerUnit) : '';
  return (
    <div className={`count-card ${counted !== null ? (v ? 'diff' : 'done') : ''}`} data-count-index={index}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <Typography.Text strong style={{ fontSize: 18 }}>{nameOf(l)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13, whiteSpace: 'nowrap' }}>#{l.batchId}</Typography.Text>
      </div>
      <div style={{ fontSize: 13, color: '#666' }}>
        {t('入库', 'In')} {l.receivedOn} · {t('保质期至', 'best before')} {l.bestBefore}{batch?.supplierName ? ` · ${batch.supplierName}` : ''}
      </div>
      <div style={{ fontSize: 16, margin: '6px 0' }}>
        {t('账面', 'Book')} <b>{kg3(l.bookG)}</b> {approx && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{approx}</Typography.Text>}
      </div>
      <KgInput className="count-input" size="large" value={counted} onChange={onChange} aria-label={t(`${l.name} 实盘数量`, `${nameOf(l)} counted`)}
        placeholder={t('实盘数量', 'Counted')} onPressEnter={onNext} />
      <Button block size="large" icon={same ? <CheckOutlined /> : undefined} type={same ? 'primary' : 'default'} ghost={same}
        style={{ marginTop: 8, minHeight: 48, fontSize: 17 }} onClick={() => onChange(l.bookG)} aria-label={t(`${l.name} 与账面一致`, `${nameOf(l)} matches the book`)}>
        {t('与账面一致', 'Same as book')}
      </Button>
      <div style={{ marginTop: 8, fontSize: 16, minHeight: 24, display: 'flex', justifyContent: 'space-between' }} aria-label={t(`${l.name} 差异`, `${nameOf(l)} difference`)}>
        {v === null ? <Typography.Text type="secondary">{t('未录入', 'Not counted yet')}</Typography.Text> : (
          <>
            <b style={{ color: varianceColor(v) }}>{v > 0 ? t('盘盈 ', 'Gain ') : v < 0 ? t('盘亏 ', 'Loss ') : ''}{signedKg(v)}</b>
            {v !== 0 && <b style={{ color: varianceColor(v) }}>{fen === null ? t('保存后显示金额', 'value after saving') : signedYuan(fen)}</b>}
          </>
        )}
      </div>
    </div>
  );
}
