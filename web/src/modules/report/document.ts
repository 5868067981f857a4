import { currentLang, t } from '../../i18n.ts';

/**
 * The shape of a report as GET /api/reports/:key sends it (server/src/core/report-document.ts), and
 * how its cells are shown: kilograms with three decimals, yuan with two and thousands separators,
 * percentages with one decimal.
 */

export type ColumnKind = 'text' | 'int' | 'grams' | 'fen' | 'date' | 'pct';
export type Cell = string | number | null;
export type ReportRow = Record<string, Cell>;
export interface Label { zh: string; en: string }

export interface DocColumn extends Label { key: string; kind: ColumnKind; width?: number; total?: boolean }
export interface ReportDoc {
  key: ReportKey;
  title: Label;
  subtitle?: string;
  columns: DocColumn[];
  groups?: (Label & { from: string; to: string })[];
  rows: ReportRow[];
  totals?: boolean;
  totalsRow: ReportRow | null;
  signatures?: Label[];
  footnote?: string;
  generatedAt: string;
  generatedBy?: string;
}

export const REPORT_KEYS = ['purchase-summary', 'stock-balance', 'stock-movements', 'daily-profit-loss', 'income-expenditure'] as const;
export type ReportKey = (typeof REPORT_KEYS)[number];
export interface ReportEntry extends Label { key: ReportKey; needsSales: boolean }

/** One plain line under each report's name, so people pick the right one without opening all five. */
export const REPORT_HINTS: Record<ReportKey, Label> = {
  'purchase-summary': { zh: '向每家供应商买了什么、多少钱，拒收和退货多少', en: 'What each supplier delivered, at what cost; rejected and returned' },
  'stock-balance': { zh: '每种食材的期初、收入、发出、期末：数量和金额', en: 'Each ingredient: opening, in, out and closing, in kg and yuan' },
  'stock-movements': { zh: '每种食材进了多少、出了多少：领用、退货、调拨、报损分开列', en: 'What came in and went out per ingredient, by kind of movement' },
  'daily-profit-loss': { zh: '每天的伙食收入减去食材成本，亏损的日子标红', en: 'Revenue less the cost of food, day by day; loss days in red' },
  'income-expenditure': { zh: '这段时间收了多少、买食材花了多少、结余多少', en: 'Meal income, spending on ingredients and the balance' },
};

export interface ReportFilters { key: ReportKey; canteenId: number | null; from: string; to: string; category: string | null }

/** The server address of a report with these filters; canteenId null = every canteen the reader may see. */
export function reportHref(f: ReportFilters, format: 'json' | 'xlsx' | 'pdf' = 'json'): string {
  const q = new URLSearchParams({ from: f.from, to: f.to });
  if (f.canteenId) q.set('canteenId', String(f.canteenId));
  if (f.category) q.set('category', f.category);
  if (format !== 'json') q.set('format', format);
  return `/api/reports/${f.key}?${q}`;
}

export const labelOf = (l: Label) => (currentLang() === 'en' ? l.en : l.zh);

const grouped = (digits: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const FORMATS: Partial<Record<ColumnKind, Intl.NumberFormat>> = { int: grouped(0), grams: grouped(3), fen: grouped(2), pct: grouped(1) };

export const isNumeric = (kind: ColumnKind) => kind !== 'text' && kind !== 'date';

/** A cell as people read it: 1,234.500 (kg), 12,345.60 (yuan), 12.5%; a string in a numeric column as written. */
export function cellText(kind: ColumnKind, v: Cell | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'string' || !isNumeric(kind)) return String(v);
  if (kind === 'grams') return FORMATS.grams!.format(v / 1000);
  if (kind === 'fen') return FORMATS.fen!.format(v / 100);
  if (kind === 'pct') return `${FORMATS.pct!.format(v)}%`;
  return FORMATS.int!.format(v);
}

/** Money below zero (a loss, a negative balance) is shown in red. */
export const isNegativeMoney = (kind: ColumnKind, v: Cell | undefined) => kind === 'fen' && typeof v === 'number' && v < 0;

/** "¥12,345.60" — yuan with thousands separators, for summaries and charts. */
export const yuanText = (fen: number | null | undefined) => (fen == null ? '—' : `¥${FORMATS.fen!.format(fen / 100)}`);

/** A heading row of a sectioned report (收入 / 支出): text but no figures. */
export const isSectionRow = (doc: Pick<ReportDoc, 'columns'>, r: ReportRow) =>
  doc.columns.every((c) => !isNumeric(c.kind) || r[c.key] === null || r[c.key] === undefined) && doc.columns.some((c) => !isNumeric(c.kind) && r[c.key]);

/** Column groups by column index: which group each column sits under (or none). */
export function groupSpans(doc: Pick<ReportDoc, 'columns' | 'groups'>): { label: Label; from: number; to: number }[] {
  return (doc.groups ?? []).map((g) => ({ label: g, from: doc.columns.findIndex((c) => c.key === g.from), to: doc.columns.findIndex((c) => c.key === g.to) }))
    .filter((g) => g.from >= 0 && g.to >= g.from);
}

export const rowsText = (n: number) => t(`共 ${n} 行`, `${n} rows`);

/**
 * The filters live in the page address (/reports?report=stock-balance&canteen=3&from=…&to=…), so the
 * print page, a bookmark or a link in a message opens the same report. canteen=all: every canteen.
 */
export function filtersFromSearch(p: URLSearchParams, defaults: { canteenId: number | null; from: string; to: string }): ReportFilters | null {
  const key = p.get('report') as ReportKey | null;
  if (!key || !REPORT_KEYS.includes(key)) return null;
  const c = p.get('canteen');
  const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  return {
    key, canteenId: c === 'all' ? null : Number(c) || defaults.canteenId,
    from: date(p.get('from')) ?? defaults.from, to: date(p.get('to')) ?? defaults.to, category: p.get('category') || null,
  };
}

export function searchOf(f: ReportFilters): URLSearchParams {
  const q = new URLSearchParams({ report: f.key, canteen: f.canteenId ? String(f.canteenId) : 'all', from: f.from, to: f.to });
  if (f.category) q.set('category', f.category);
  return q;
}
