import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { findCjkFont, fileExists, type CjkFont } from './cjk-font.ts';
import { AppError, type Lang } from './errors.ts';
import { downloadResponse, textWidth, xlsxResponse } from './excel.ts';
import { fenToYuan } from './spreadsheet-values.ts';

/**
 * How a column's values are stored in rows and shown: int as is, grams as kg (3 decimals), fen as yuan
 * (2 decimals), pct a percentage (12.5 → 12.5%), date a 'YYYY-MM-DD' string; a string in a numeric column
 * (e.g. '—') is shown as written.
 */
export type ColumnKind = 'text' | 'int' | 'grams' | 'fen' | 'date' | 'pct';

export interface DocColumn {
  key: string;
  zh: string;
  en: string;
  kind: ColumnKind;
  /** Relative share of the PDF table width (others count as 1); without any, PDF columns are sized by content. */
  width?: number;
  /** Summed in the totals row. */
  total?: boolean;
}

type Label = { zh: string; en: string };

/** A printable document (report, purchase order): one table with a title block above and signatures below. */
export interface ReportDocument {
  title: Label;
  subtitle?: string;
  /** Header key-value pairs (供应商, 订单号, 日期 …). */
  fields?: (Label & { value: string })[];
  columns: DocColumn[];
  /** Headings spanning adjacent columns, e.g. 期初 over (数量, 金额); `from` and `to` are column keys. */
  groups?: (Label & { from: string; to: string })[];
  rows: Record<string, string | number | null>[];
  /** Adds a 合计 row summing the columns marked `total`. */
  totals?: boolean;
  /** Lines at the bottom: 采购员 ____ 验收人 ____ 仓管员 ____ */
  signatures?: Label[];
  footnote?: string;
  generatedAt: Date;
  generatedBy?: string;
}

type Row = ReportDocument['rows'][number];

const WORDS = {
  total: { zh: '合计', en: 'Total' },
  colon: { zh: '：', en: ': ' },
  generatedAt: { zh: '制表时间', en: 'Generated' },
  generatedBy: { zh: '制表人', en: 'By' },
};

const pageOf = (n: number, of: number, lang: Lang) => (lang === 'zh' ? `第 ${n} 页 / 共 ${of} 页` : `Page ${n} of ${of}`);

// Business time is Asia/Shanghai (UTC+8, no daylight saving).
const shanghaiMinute = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

function generatedLine(doc: ReportDocument, lang: Lang): string {
  const at = `${WORDS.generatedAt[lang]}${WORDS.colon[lang]}${shanghaiMinute(doc.generatedAt)}`;
  return doc.generatedBy ? `${at}    ${WORDS.generatedBy[lang]}${WORDS.colon[lang]}${doc.generatedBy}` : at;
}

const NUM_FMT: Record<ColumnKind, string | undefined> = {
  text: undefined, int: '#,##0', grams: '#,##0.000', fen: '#,##0.00', pct: '0.0"%"', date: 'yyyy-mm-dd',
};

const grouped = (digits: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const INT_TEXT = grouped(0);
const NUMBER_TEXT: Partial<Record<ColumnKind, Intl.NumberFormat>> = { grams: grouped(3), fen: grouped(2), pct: grouped(1) };

const isNumeric = (kind: ColumnKind) => kind !== 'text' && kind !== 'date';
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The value in display units: what the spreadsheet cell holds and what the PDF formats. */
function displayValue(kind: ColumnKind, v: Row[string] | undefined): number | string | Date | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') {
    return kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : v;
  }
  if (kind === 'fen') return fenToYuan(v);
  if (kind === 'grams') return v / 1000;
  return kind === 'text' || kind === 'date' ? String(v) : v;
}

function displayText(col: DocColumn, v: Row[string] | undefined): string {
  const x = displayValue(col.kind, v);
  if (x === null) return '';
  if (typeof x === 'string') return x;
  if (x instanceof Date) return x.toISOString().slice(0, 10);
  return (NUMBER_TEXT[col.kind] ?? INT_TEXT).format(x) + (col.kind === 'pct' ? '%' : '');
}

/** The 合计 row: sums of the `total` columns, labelled in the first column that is not summed. */
export function totalsRow(doc: ReportDocument, lang: Lang): Row | undefined {
  if (!doc.totals) return undefined;
  const row: Row = {};
  for (const c of doc.columns.filter((c) => c.total)) {
    row[c.key] = sum(doc.rows.map((r) => r[c.key]).filter((v): v is number => typeof v === 'number'));
  }
  const labelCol = doc.columns.find((c) => !c.total);
  if (labelCol) row[labelCol.key] = WORDS.total[lang];
  return row;
}

/** Column index ranges of the groups, checked so that a misspelt key fails loudly rather than drawing nonsense. */
function groupSpans(doc: ReportDocument, lang: Lang): { label: string; from: number; to: number }[] {
  return (doc.groups ?? []).map((g) => {
    const from = doc.columns.findIndex((c) => c.key === g.from);
    const to = doc.columns.findIndex((c) => c.key === g.to);
    if (from < 0 || to < from) throw new Error(`column group ${g.en}: no columns ${g.from}…${g.to}`);
    return { label: g[lang], from, to };
  });
}

// ---------------------------------------------------------------- Excel

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };

// Excel forbids these characters in sheet names and cuts them at 31.
const sheetName = (title: string) => title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31).trim() || 'Sheet1';

export async function documentXlsx(doc: ReportDocument, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = doc.generatedAt;
  if (doc.generatedBy) wb.creator = doc.generatedBy;
  const ws = wb.addWorksheet(sheetName(doc.title[lang]));
  const n = doc.columns.length;

  const fullWidth = (text: string) => {
    const row = ws.addRow([text]);
    if (n > 1) ws.mergeCells(row.number, 1, row.number, n);
    return row;
  };
  const title = fullWidth(doc.title[lang]);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 28;
  if (doc.subtitle) fullWidth(doc.subtitle).alignment = { horizontal: 'center' };
  for (const f of doc.fields ?? []) {
    const row = ws.addRow([f[lang], f.value]);
    if (n > 2) ws.mergeCells(row.number, 2, row.number, n);
    row.getCell(1).font = { bold: true };
  }

  const spans = groupSpans(doc, lang);
  const labels = doc.columns.map((c) => c[lang]);
  const groupRow = spans.length ? ws.addRow([]) : undefined;
  const header = ws.addRow(labels);
  if (groupRow) {
    for (const s of spans) {
      groupRow.getCell(s.from + 1).value = s.label;
      if (s.to > s.from) ws.mergeCells(groupRow.number, s.from + 1, groupRow.number, s.to + 1);
    }
    // A column outside every group takes both header rows.
    doc.columns.forEach((_, i) => {
      if (spans.some((s) => i >= s.from && i <= s.to)) return;
      groupRow.getCell(i + 1).value = labels[i]!;
      ws.mergeCells(groupRow.number, i + 1, header.number, i + 1);
    });
  }
  for (const row of groupRow ? [groupRow, header] : [header]) {
    for (let i = 1; i <= n; i++) {
      const cell = row.getCell(i);
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = THIN;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
  }
  ws.views = [{ state: 'frozen', ySplit: header.number }];

  const totals = totalsRow(doc, lang);
  const body = totals ? [...doc.rows, totals] : doc.rows;
  for (const r of body) {
    const row = ws.addRow(doc.columns.map((c) => displayValue(c.kind, r[c.key])));
    doc.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = THIN;
      const fmt = NUM_FMT[c.kind];
      if (fmt) cell.numFmt = fmt;
      cell.alignment = { vertical: 'top', wrapText: c.kind === 'text', horizontal: isNumeric(c.kind) ? 'right' : undefined };
    });
    if (r === totals) row.font = { bold: true };
  }

  if (doc.footnote) fullWidth(doc.footnote);
  const signatures = doc.signatures ?? [];
  if (signatures.length) {
    ws.addRow([]);
    const row = ws.addRow([]);
    // Spread over the width; each label overflows into the empty cells to its right as on paper.
    signatures.forEach((s, i) => {
      row.getCell(1 + Math.floor((i * n) / signatures.length)).value = `${s[lang]}${WORDS.colon[lang]}__________`;
    });
  }
  fullWidth(generatedLine(doc, lang)).font = { color: { argb: 'FF666666' } };

  ws.columns.forEach((col, i) => {
    const c = doc.columns[i]!;
    const longest = Math.max(textWidth(c[lang]), ...body.map((r) => textWidth(displayText(c, r[c.key]))));
    col.width = Math.min(40, Math.max(10, longest + 2));
  });
  ws.pageSetup = {
    paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
    printTitlesRow: `${(groupRow ?? header).number}:${header.number}`,
  };
  ws.headerFooter = { oddFooter: lang === 'zh' ? '&C第 &P 页 / 共 &N 页' : '&CPage &P of &N' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- PDF

interface LoadedFont { data: Buffer; face?: string }

const noFont = (detail: string) => new AppError(503, 'pdf_font_missing',
  `服务器缺少中文字体，无法生成 PDF（${detail}）。请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk）或用 PDF_FONT 指定字体文件`,
  `The server has no Chinese font to render PDFs (${detail}). Install fonts-noto-cjk (apt-get install fonts-noto-cjk) or set PDF_FONT to a font file`);

async function load(f: CjkFont): Promise<LoadedFont> {
  const data = await fs.readFile(f.file);
  try {
    // pdfkit only reads the face when the font is first used; try it now so a wrong face fails here, once.
    new PDFDocument({ autoFirstPage: false }).registerFont('probe', data, f.face).font('probe');
  } catch {
    throw noFont(`${f.file}${f.face ? ` has no face ${f.face}` : ' is not a font pdfkit can read'}; set PDF_FONT_FACE`);
  }
  return { data, face: f.face };
}

// The bold file, where there is one, sits beside the regular one with Bold for Regular in its name.
async function loadFonts(): Promise<{ regular: LoadedFont; bold: LoadedFont }> {
  const regular = await findCjkFont(noFont);
  const bold = { file: regular.file.replace('Regular', 'Bold'), face: regular.face?.replace('Regular', 'Bold') };
  const loaded = await load(regular);
  return { regular: loaded, bold: bold.file !== regular.file && (await fileExists(bold.file)) ? await load(bold) : loaded };
}

// The CJK files are ~20 MB each: read once per process. A failure is not kept, so installing the font needs no restart.
let fonts: ReturnType<typeof loadFonts> | undefined;
function cjkFonts() {
  fonts ??= loadFonts().catch((err: unknown) => {
    fonts = undefined;
    throw err;
  });
  return fonts;
}

const MARGIN = 36;
const FOOTER = 18;
const PAD = 3;
const SIZE = { title: 16, subtitle: 10, field: 10, body: 9, footer: 8 };
const GRID = '#808080';
const HEADER_BG = '#e8e8e8';
const REGULAR = 'cjk';
const BOLD = 'cjk-bold';

type Pdf = PDFKit.PDFDocument;

/** Widths in points: the caller's relative shares, or content widths fitted to the page. */
function columnWidths(pdf: Pdf, doc: ReportDocument, lang: Lang, cells: string[][], avail: number): number[] {
  const cols = doc.columns;
  if (cols.some((c) => c.width)) {
    const shares = cols.map((c) => c.width ?? 1);
    const all = sum(shares);
    return shares.map((s) => (s / all) * avail);
  }
  // Measured in bold, as headers and the totals row are drawn, so neither wraps where the body does not.
  pdf.font(BOLD).fontSize(SIZE.body);
  const natural = cols.map((c, i) => {
    const header = pdf.widthOfString(c[lang]);
    const values = Math.max(0, ...cells.map((r) => pdf.widthOfString(r[i]!)));
    // One long remark must not squeeze every other column; it wraps instead.
    return Math.min(Math.max(header, values), avail / 3) + 2 * PAD;
  });
  const total = sum(natural);
  // Spare width is shared evenly: in proportion, a long name column would take most of it and leave numbers cramped.
  if (total <= avail) return natural.map((w) => w + (avail - total) / natural.length);
  // Too wide: numbers and dates keep their width (wrapped, they are hard to read); text columns share the rest and wrap.
  const wraps = cols.map((c) => c.kind === 'text');
  const fixed = sum(natural.filter((_, i) => !wraps[i]));
  const flexible = total - fixed;
  const left = avail - fixed;
  if (flexible === 0 || left < flexible * 0.3) return natural.map((w) => (w / total) * avail);
  return natural.map((w, i) => (wraps[i] ? (w / flexible) * left : w));
}

interface Table {
  x: number[];
  widths: number[];
  spans: { label: string; from: number; width: number }[];
  labels: string[];
  grouped: boolean[];
  groupHeight: number;
  headerHeight: number;
}

const textHeight = (pdf: Pdf, text: string, width: number) => pdf.heightOfString(text || ' ', { width: width - 2 * PAD });

function layoutTable(pdf: Pdf, doc: ReportDocument, lang: Lang, cells: string[][], left: number, avail: number): Table {
  const widths = columnWidths(pdf, doc, lang, cells, avail);
  const x = widths.map((_, i) => left + sum(widths.slice(0, i)));
  const groups = groupSpans(doc, lang);
  const spans = groups.map((g) => ({ label: g.label, from: g.from, width: sum(widths.slice(g.from, g.to + 1)) }));
  const labels = doc.columns.map((c) => c[lang]);
  const grouped = labels.map((_, i) => groups.some((g) => i >= g.from && i <= g.to));
  pdf.font(BOLD).fontSize(SIZE.body);
  const groupHeight = spans.length ? Math.max(...spans.map((s) => textHeight(pdf, s.label, s.width))) + 2 * PAD : 0;
  const labelHeights = labels.map((l, i) => textHeight(pdf, l, widths[i]!) + 2 * PAD);
  // Ungrouped labels take both header rows, so only what they need beyond the group row counts here.
  const headerHeight = Math.max(...labelHeights.map((h, i) => (grouped[i] ? h : h - groupHeight)));
  return { x, widths, spans, labels, grouped, groupHeight, headerHeight };
}

function cell(pdf: Pdf, text: string, x: number, y: number, w: number, h: number, align: 'left' | 'center' | 'right', fill?: string) {
  if (fill) pdf.rect(x, y, w, h).fill(fill);
  pdf.rect(x, y, w, h).lineWidth(0.5).stroke(GRID);
  const textH = Math.min(textHeight(pdf, text, w), h - 2 * PAD);
  // `height` stops pdfkit from spilling an over-tall cell onto a new page of its own.
  pdf.fillColor('black').text(text, x + PAD, y + (h - textH) / 2, { width: w - 2 * PAD, height: h - 2 * PAD + 1, align, ellipsis: true });
}

function drawHeader(pdf: Pdf, t: Table, y: number): number {
  pdf.font(BOLD).fontSize(SIZE.body);
  for (const s of t.spans) cell(pdf, s.label, t.x[s.from]!, y, s.width, t.groupHeight, 'center', HEADER_BG);
  t.labels.forEach((label, i) => {
    const top = t.grouped[i] ? y + t.groupHeight : y;
    cell(pdf, label, t.x[i]!, top, t.widths[i]!, y + t.groupHeight + t.headerHeight - top, 'center', HEADER_BG);
  });
  return y + t.groupHeight + t.headerHeight;
}

/** Where a block `height` tall starts: at `y`, or at the top of a new page when it would not fit above `bottom`. */
function block(pdf: Pdf, y: number, height: number, bottom: number): number {
  if (y + height <= bottom) return y;
  pdf.addPage();
  return pdf.page.margins.top;
}

export async function documentPdf(doc: ReportDocument, lang: Lang): Promise<Buffer> {
  const { regular, bold } = await cjkFonts();
  const pdf = new PDFDocument({
    size: 'A4',
    layout: doc.columns.length > 7 ? 'landscape' : 'portrait',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    // Page numbers need the page count, known only at the end.
    bufferPages: true,
    // pdfkit fails on an undefined info entry, so Author is only set when known.
    info: { Title: doc.title[lang], CreationDate: doc.generatedAt, ...(doc.generatedBy ? { Author: doc.generatedBy } : {}) },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  pdf.registerFont(REGULAR, regular.data, regular.face);
  pdf.registerFont(BOLD, bold.data, bold.face);

  const left = MARGIN;
  const avail = pdf.page.width - 2 * MARGIN;
  // The footer lives in the bottom margin's upper part, so content stops FOOTER above it.
  const bottom = pdf.page.height - MARGIN - FOOTER;
  let y = MARGIN;

  pdf.font(BOLD).fontSize(SIZE.title).text(doc.title[lang], left, y, { width: avail, align: 'center' });
  y = pdf.y + 4;
  if (doc.subtitle) {
    pdf.font(REGULAR).fontSize(SIZE.subtitle).fillColor('#444444').text(doc.subtitle, left, y, { width: avail, align: 'center' });
    y = pdf.y + 4;
  }
  const fields = doc.fields ?? [];
  if (fields.length) {
    const perLine = pdf.page.width > pdf.page.height ? 4 : 3;
    const w = avail / perLine;
    pdf.font(REGULAR).fontSize(SIZE.field).fillColor('black');
    for (let i = 0; i < fields.length; i += perLine) {
      const line = fields.slice(i, i + perLine).map((f) => `${f[lang]}${WORDS.colon[lang]}${f.value}`);
      const h = Math.max(...line.map((text) => pdf.heightOfString(text, { width: w - 8 })));
      line.forEach((text, j) => pdf.text(text, left + j * w, y, { width: w - 8 }));
      y += h + 2;
    }
  }
  y += 6;

  const totals = totalsRow(doc, lang);
  const body = (totals ? [...doc.rows, totals] : doc.rows).map((r) => doc.columns.map((c) => displayText(c, r[c.key])));
  const table = layoutTable(pdf, doc, lang, body, left, avail);
  const tableHeader = table.groupHeight + table.headerHeight;
  const aligns = doc.columns.map((c): 'left' | 'center' | 'right' => (isNumeric(c.kind) ? 'right' : c.kind === 'date' ? 'center' : 'left'));
  const fullPage = bottom - MARGIN - tableHeader;

  body.forEach((texts, r) => {
    const isTotal = totals !== undefined && r === body.length - 1;
    pdf.font(isTotal ? BOLD : REGULAR).fontSize(SIZE.body);
    const h = Math.min(fullPage, Math.max(...texts.map((t, i) => textHeight(pdf, t, table.widths[i]!))) + 2 * PAD);
    if (r === 0 || y + h > bottom) {
      // The header starts the table and every page it continues on, never alone at the foot of a page.
      y = drawHeader(pdf, table, block(pdf, y, tableHeader + h, bottom));
      pdf.font(isTotal ? BOLD : REGULAR).fontSize(SIZE.body);
    }
    texts.forEach((t, i) => cell(pdf, t, table.x[i]!, y, table.widths[i]!, h, aligns[i]!, isTotal ? HEADER_BG : undefined));
    y += h;
  });
  if (!body.length) y = drawHeader(pdf, table, block(pdf, y, tableHeader, bottom));

  if (doc.footnote) {
    pdf.font(REGULAR).fontSize(SIZE.footer);
    y = block(pdf, y + 4, pdf.heightOfString(doc.footnote, { width: avail }), bottom);
    pdf.fillColor('#444444').text(doc.footnote, left, y, { width: avail });
    y = pdf.y;
  }
  if (doc.signatures?.length) {
    pdf.font(REGULAR).fontSize(SIZE.field).fillColor('black');
    y = block(pdf, y + 24, pdf.currentLineHeight(), bottom);
    const w = avail / doc.signatures.length;
    doc.signatures.forEach((s, i) => pdf.text(`${s[lang]}${WORDS.colon[lang]}______________`, left + i * w, y, { width: w, lineBreak: false }));
  }

  const generated = generatedLine(doc, lang);
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    const footY = pdf.page.height - MARGIN - FOOTER + 6;
    pdf.font(REGULAR).fontSize(SIZE.footer).fillColor('#666666');
    pdf.text(generated, left, footY, { width: avail / 2, lineBreak: false });
    pdf.text(pageOf(i - start + 1, count, lang), left + avail / 2, footY, { width: avail / 2, align: 'right', lineBreak: false });
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------- download

/** A download of a rendered document; the extension is added when the name lacks it. */
export function documentResponse(buf: Buffer, kind: 'xlsx' | 'pdf', filename: string): Response {
  if (kind === 'xlsx') return xlsxResponse(buf, filename);
  return downloadResponse(buf, /\.pdf$/i.test(filename) ? filename : `${filename}.pdf`, 'application/pdf');
}
