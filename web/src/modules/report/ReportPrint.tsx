import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { get } from '../../api.ts';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { PrintSheet } from '../../shell/PrintSheet.tsx';
import { cellText, filtersFromSearch, groupSpans, isNegativeMoney, isNumeric, isSectionRow, labelOf, reportHref, searchOf, type ReportDoc, type ReportRow } from './document.ts';
import { last30Days } from './period.tsx';

/** Wide reports go on A4 landscape; the sheet on screen widens with them. */
const LANDSCAPE = `
@media print { @page { size: A4 landscape; margin: 10mm; } }
.ps-sheet:has(.rp-wide) { width: 297mm; min-height: 210mm; }
`;
const CSS = `
.rp-print table { font-size: 9.5pt; }
.rp-print th { text-align: center; }
.rp-print th, .rp-print td { padding: 1mm 1.5mm; }
.rp-print .rp-sub { text-align: center; margin: -2mm 0 4mm; }
.rp-print tr.rp-total td { font-weight: 700; border-top: 2px solid #000; }
.rp-print tr.rp-section td { font-weight: 700; }
.rp-print .rp-neg { color: #c00; }
.rp-print .rp-foot { margin-top: 3mm; font-size: 9pt; color: #333; }
@media print { .rp-print .rp-neg { color: #000; } }
`;

/** /reports/print?…: the report on an A4 sheet with its title, period, table, totals and signature lines. */
export function ReportPrint() {
  const { canteenId } = useSession();
  const [params] = useSearchParams();
  const filters = filtersFromSearch(params, { canteenId, ...last30Days() });
  const [doc, setDoc] = useState<ReportDoc | null>(null);
  const [error, setError] = useState<string | null>(filters ? null : t('没有指定报表', 'No report was named'));
  const href = filters ? reportHref(filters) : null;
  useEffect(() => {
    if (href) void get<ReportDoc>(href).then(setDoc).catch((e) => setError((e as Error).message));
  }, [href]);
  const back = filters ? `/reports?${searchOf(filters)}` : '/reports';
  return (
    <PrintSheet title={doc && `${labelOf(doc.title)} ${filters?.from}~${filters?.to}`} backTo={back} ready={!!doc} error={error}>
      {doc && <Sheet doc={doc} />}
    </PrintSheet>
  );
}

function Sheet({ doc }: { doc: ReportDoc }) {
  const wide = doc.columns.length > 6;
  const spans = groupSpans(doc);
  const grouped = spans.length > 0;
  const cell = (c: ReportDoc['columns'][number], r: ReportRow) => {
    const v = r[c.key];
    return (
      <td key={c.key} className={`${isNumeric(c.kind) ? 'num' : ''} ${isNegativeMoney(c.kind, v) ? 'rp-neg' : ''}`}>{cellText(c.kind, v)}</td>
    );
  };
  return (
    <div className={`rp-print ${wide ? 'rp-wide' : ''}`}>
      <style>{CSS}</style>
      {wide && <style>{LANDSCAPE}</style>}
      <h1>{labelOf(doc.title)}</h1>
      {doc.subtitle && <div className="rp-sub">{doc.subtitle}</div>}
      <table>
        <thead>
          <tr>
            {doc.columns.map((c, i) => {
              const g = spans.find((s) => s.from <= i && i <= s.to);
              if (!g) return <th key={c.key} rowSpan={grouped ? 2 : 1}>{labelOf(c)}</th>;
              return g.from === i ? <th key={c.key} colSpan={g.to - g.from + 1}>{labelOf(g.label)}</th> : null;
            })}
          </tr>
          {grouped && (
            <tr>
              {doc.columns.map((c, i) => (spans.some((s) => s.from <= i && i <= s.to) ? <th key={c.key}>{labelOf(c)}</th> : null))}
            </tr>
          )}
        </thead>
        <tbody>
          {doc.rows.map((r, i) => <tr key={i} className={isSectionRow(doc, r) ? 'rp-section' : ''}>{doc.columns.map((c) => cell(c, r))}</tr>)}
          {doc.rows.length === 0 && <tr><td colSpan={doc.columns.length} style={{ textAlign: 'center' }}>{t('这段时间没有数据', 'Nothing in this period')}</td></tr>}
          {doc.totalsRow && <tr className="rp-total">{doc.columns.map((c) => cell(c, doc.totalsRow!))}</tr>}
        </tbody>
      </table>
      {doc.footnote && <div className="rp-foot">{t('说明', 'Note')}：{doc.footnote}</div>}
      <div className="rp-foot">
        {t('制表时间', 'Generated')}：{dayjs(doc.generatedAt).format('YYYY-MM-DD HH:mm')}
        {doc.generatedBy ? `　　${t('制表人', 'By')}：${doc.generatedBy}` : ''}
      </div>
      {!!doc.signatures?.length && (
        <div className="ps-sign" style={{ gridTemplateColumns: `repeat(${doc.signatures.length}, 1fr)` }}>
          {doc.signatures.map((s) => <div key={s.zh}>{labelOf(s)}：</div>)}
        </div>
      )}
    </div>
  );
}
