import { Table, Typography } from 'antd';
import type { ColumnsType, ColumnType } from 'antd/es/table';
import { useMemo } from 'react';
import { t } from '../../i18n.ts';
import { cellText, groupSpans, isNegativeMoney, isNumeric, isSectionRow, labelOf, type DocColumn, type ReportDoc, type ReportRow } from './document.ts';

type Keyed = ReportRow & { __i: number };

const RED = '#cf1322';
/** Above this many rows the table scrolls inside itself and draws only the rows in view. */
const VIRTUAL_FROM = 80;

/** Pixels a text takes at 15 px: Chinese characters a full em, Latin letters and digits about half. */
const textWidth = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 15 : 8.5), 0);

/**
 * A column is as wide as its longest cell (within reason), so rows stay one line high and as many
 * columns as possible fit on the screen; headings may wrap.
 */
function widthOf(c: DocColumn, rows: ReportRow[], totals: ReportRow | null): number {
  if (c.kind === 'date') return 116;
  const cells = totals ? [...rows, totals] : rows;
  const longest = cells.reduce((w, r) => Math.max(w, textWidth(cellText(c.kind, r[c.key]))), 0);
  if (isNumeric(c.kind)) return Math.min(170, Math.max(84, Math.ceil(longest) + 28));
  return Math.min(360, Math.max(72, Math.ceil(Math.max(longest, textWidth(labelOf(c)))) + 28));
}

const CSS = `
.rp-table .ant-table { font-size: 15px; }
.rp-table .ant-table-thead > tr > th { font-weight: 600; text-align: center !important; white-space: normal; }
.rp-table .ant-table-tbody td { white-space: nowrap; }
.rp-table td.rp-num { font-variant-numeric: tabular-nums; }
.rp-table .rp-section > td { font-weight: 700; background: #fafafa; }
.rp-table .rp-loss > td { background: #fff1f0; }
.rp-table .ant-table-summary td { font-weight: 700; background: #f5f5f5; border-top: 2px solid #bfbfbf; font-variant-numeric: tabular-nums; white-space: nowrap; }
`;

/** Red for money below zero; as the document says otherwise. */
function CellValue({ c, v }: { c: DocColumn; v: ReportRow[string] | undefined }) {
  const text = cellText(c.kind, v);
  return isNegativeMoney(c.kind, v) ? <span style={{ color: RED, fontWeight: 600 }}>{text}</span> : <>{text}</>;
}

/**
 * A report document as a table, exactly as the server sends it: column groups as two-row headings,
 * figures right-aligned, negative money in red, the totals row bold at the foot. Long reports (a year
 * of days, hundreds of ingredients) scroll inside a virtual table so the page stays quick.
 */
export function ReportTable({ doc, height }: { doc: ReportDoc; height: number }) {
  const rows = useMemo<Keyed[]>(() => doc.rows.map((r, i) => ({ ...r, __i: i })), [doc]);
  const virtual = rows.length > VIRTUAL_FROM;
  const columns = useMemo<ColumnsType<Keyed>>(() => {
    const leaf = (c: DocColumn): ColumnType<Keyed> => ({
      key: c.key, dataIndex: c.key, title: labelOf(c), width: widthOf(c, doc.rows, doc.totalsRow), align: isNumeric(c.kind) ? 'right' : 'left',
      className: isNumeric(c.kind) ? 'rp-num' : undefined,
      // Rows of a virtual table keep one height: long text is cut (hover shows it) rather than wrapped.
      ellipsis: virtual && !isNumeric(c.kind) ? { showTitle: true } : false,
      render: (v: ReportRow[string]) => <CellValue c={c} v={v} />,
    });
    const spans = groupSpans(doc);
    const out: ColumnsType<Keyed> = [];
    for (let i = 0; i < doc.columns.length;) {
      const g = spans.find((s) => s.from === i);
      if (g) {
        out.push({ key: `group-${i}`, title: labelOf(g.label), children: doc.columns.slice(g.from, g.to + 1).map(leaf) });
        i = g.to + 1;
      } else out.push({ ...leaf(doc.columns[i]!), fixed: i++ === 0 ? 'left' : undefined });
    }
    return out;
  }, [doc, virtual]);
  const width = doc.columns.reduce((s, c) => s + widthOf(c, doc.rows, doc.totalsRow), 0);
  const totals = doc.totalsRow;
  return (
    <div className="rp-table">
      <style>{CSS}</style>
      <Table<Keyed> rowKey="__i" size="middle" bordered dataSource={rows} columns={columns} pagination={false} virtual={virtual}
        scroll={virtual ? { x: width, y: height } : { x: width }}
        rowClassName={(r) => (isSectionRow(doc, r) ? 'rp-section' : typeof r.profitFen === 'number' && r.profitFen < 0 ? 'rp-loss' : '')}
        locale={{ emptyText: <Typography.Text type="secondary" style={{ fontSize: 16 }}>{t('这段时间没有数据', 'Nothing in this period')}</Typography.Text> }}
        summary={() => totals && (
          <Table.Summary fixed={virtual ? 'bottom' : false}>
            <Table.Summary.Row>
              {doc.columns.map((c, i) => (
                <Table.Summary.Cell key={c.key} index={i} align={isNumeric(c.kind) ? 'right' : 'left'}>
                  <CellValue c={c} v={totals[c.key]} />
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )} />
    </div>
  );
}
