import ExcelJS from 'exceljs';
import type { ZodType } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { AppError, type Lang } from './errors.ts';

export interface Column<Row> {
  key: keyof Row & string;
  zh: string;
  en: string;
  /** Export column width in characters. */
  width?: number;
}

export interface SheetSpec<Row> {
  /** Sheet name on export; on import matched by this name or its part before the first space. */
  name: string;
  columns: Column<Row>[];
  /** Validates one row built from raw cell values (string, number, boolean, Date; empty cells omitted). */
  row: ZodType<Row>;
}

export interface RowError {
  sheet: string;
  /** 1-based row number as Excel shows it. */
  row: number;
  /** The header as written in the file. */
  column?: string;
  message: string;
}

export interface ParsedSheet<Row> {
  rows: { row: number; value: Row }[];
  errors: RowError[];
}

type Cell = string | number | boolean | Date | undefined;
interface Grid { name: string; rows: { number: number; cells: Cell[] }[] }

const zhMap = zhCN().localeError;
const enMap = en().localeError;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const label = (c: Column<any>) => `${c.zh} ${c.en}`;

const badFile = () =>
  new AppError(400, 'bad_file', '无法读取文件，请上传 Excel (.xlsx) 或 CSV 文件', 'Cannot read the file; upload an Excel (.xlsx) or CSV file');

/** exceljs hands back rich text, formulas, hyperlinks and error objects; modules only want plain values. */
function plain(v: unknown): Cell {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return plain((v.richText as { text: string }[]).map((t) => t.text).join(''));
    if ('result' in v) return plain(v.result);
    if ('text' in v) return plain(v.text);
    if ('error' in v) return String(v.error);
  }
  return undefined;
}

// Full-width brackets and slashes (NFKC), stray spaces and line breaks in headers are common in hand-made files.
const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s*([/()])\s*/g, '$1').replace(/\s+/g, ' ');

const headerMatches = (c: Column<any>, header: string) =>
  [c.zh, c.en, label(c), `${c.zh}/${c.en}`, `${c.zh}(${c.en})`].some((h) => norm(h) === norm(header));

async function xlsxGrids(buf: Buffer): Promise<Grid[]> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs declares its own ArrayBuffer-shaped `Buffer` type; a Node Buffer is what it actually reads.
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw badFile();
  }
  return wb.worksheets.map((ws) => {
    const rows: Grid['rows'] = [];
    ws.eachRow((row, number) => {
      const cells: Cell[] = [];
      row.eachCell((cell, col) => { cells[col - 1] = plain(cell.value); });
      rows.push({ number, cells });
    });
    return { name: ws.name, rows };
  });
}

function decodeText(buf: Buffer, fileName: string): string {
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    // Excel on Chinese Windows saves "CSV" in GBK; only trust that guess when the name says CSV.
    if (/\.csv$/i.test(fileName)) {
      try { text = new TextDecoder('gb18030', { fatal: true }).decode(buf); } catch { /* not text */ }
    }
  }
  if (text === undefined || /[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(text)) throw badFile();
  return text.replace(/^\uFEFF/, '');
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') { field += '"'; i++; }
      else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      rows.push([...row, field]);
      row = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** Keys the schema insists on: those it complains about when given nothing at all. */
function requiredKeys(spec: SheetSpec<any>): Set<PropertyKey> {
  const res = spec.row.safeParse({});
  return new Set(res.success ? [] : res.error.issues.filter((i) => i.path.length).map((i) => i.path[0]!));
}

function parseSheet(grid: Grid, spec: SheetSpec<any>, lang: Lang): ParsedSheet<unknown> {
  const zh = lang === 'zh';
  const header = grid.rows[0]?.number === 1 ? grid.rows[0].cells : [];
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const col = h === undefined ? undefined : spec.columns.find((c) => !index.has(c.key) && headerMatches(c, String(h)));
    if (col) index.set(col.key, i);
  });
  const required = requiredKeys(spec);
  const missing = spec.columns.filter((c) => required.has(c.key) && !index.has(c.key));
  // Without a required column every row would fail the same way; one error per column says it better.
  const errors = missing.map((c) => ({ sheet: grid.name, row: 1, column: label(c), message: zh ? `缺少列「${c.zh}」` : `Missing column "${c.en}"` }));
  if (errors.length) return { rows: [], errors };
  const headerOf = (key: PropertyKey) => {
    const col = spec.columns.find((c) => c.key === key);
    if (!col) return undefined;
    return index.has(col.key) ? String(header[index.get(col.key)!]) : zh ? col.zh : col.en;
  };
  const out: ParsedSheet<unknown> = { rows: [], errors: [] };
  for (const { number, cells } of grid.rows) {
    if (number === 1) continue;
    const obj: Record<string, Cell> = {};
    for (const [key, i] of index) if (cells[i] !== undefined) obj[key] = cells[i];
    if (!Object.keys(obj).length) continue;
    const res = spec.row.safeParse(obj, { error: zh ? zhMap : enMap });
    if (res.success) {
      out.rows.push({ row: number, value: res.data });
      continue;
    }
    for (const issue of res.error.issues) {
      const key = issue.path[0];
      // zod's "expected string, received undefined" means nothing to a user filling in a sheet.
      const empty = issue.code === 'invalid_type' && typeof key === 'string' && !(key in obj);
      const message = empty ? (zh ? '此项必填' : 'This field is required') : issue.message;
      out.errors.push({ sheet: grid.name, row: number, column: key === undefined ? undefined : headerOf(key), message });
    }
  }
  return out;
}

type Parsed<T> = { [K in keyof T]: ParsedSheet<T[K] extends SheetSpec<infer R> ? R : never> };

/**
 * Parses an uploaded .xlsx or CSV (told apart by content) against the specs: headers matched in Chinese, English
 * or both, empty rows skipped, each row validated by its zod schema with messages in `lang`.
 */
export async function readWorkbook<T extends Record<string, SheetSpec<any>>>(
  file: Buffer | Uint8Array, fileName: string, specs: T, lang: Lang,
): Promise<Parsed<T>> {
  const buf = Buffer.isBuffer(file) ? file : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const entries = Object.entries(specs);
  const isZip = buf[0] === 0x50 && buf[1] === 0x4b;
  const result: Record<string, ParsedSheet<unknown>> = {};
  if (!isZip) {
    // A CSV holds one sheet, so it feeds the first spec; the others simply get nothing.
    const rows = parseCsv(decodeText(buf, fileName)).map((cells, i) => ({ number: i + 1, cells: cells.map(plain) }));
    entries.forEach(([k, spec], i) => {
      result[k] = i === 0 ? parseSheet({ name: spec.name, rows }, spec, lang) : { rows: [], errors: [] };
    });
  } else {
    const grids = await xlsxGrids(buf);
    for (const [k, spec] of entries) {
      const short = spec.name.split(' ')[0];
      const grid = grids.find((g) => g.name.trim() === spec.name) ?? grids.find((g) => g.name.trim() === short)
        ?? (entries.length === 1 ? grids[0] : undefined);
      result[k] = grid ? parseSheet(grid, spec, lang) : {
        rows: [],
        errors: [{ sheet: spec.name, row: 1, message: lang === 'zh' ? `文件中没有工作表「${spec.name}」` : `The file has no sheet "${spec.name}"` }],
      };
    }
  }
  return result as Parsed<T>;
}

/** Imports are all-or-nothing unless the user chose to skip bad rows; then the errors are returned for the report. */
export function rejectOrSkip(errors: RowError[], goodRows: number, skipBadRows: boolean): RowError[] {
  if (errors.length && !skipBadRows) {
    const bad = new Set(errors.map((e) => `${e.sheet}\u0000${e.row}`)).size;
    throw new AppError(400, 'import_rejected', `文件有 ${bad} 行错误，未导入任何数据`,
      `The file has ${bad} bad row${bad === 1 ? '' : 's'}; nothing was imported`, { errors });
  }
  if (!goodRows) {
    throw new AppError(400, 'import_empty', '文件中没有可导入的数据', 'The file has no rows to import', { errors });
  }
  return errors;
}

// CJK characters take two columns in Excel's width unit.
export const textWidth = (s: string) => [...s].reduce((n, ch) => n + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);

function cellOut(v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  return String(v);
}

/** One worksheet per entry, laid out so that readWorkbook reads it back unchanged. */
export async function writeWorkbook(sheets: { spec: SheetSpec<any>; rows: Record<string, unknown>[] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const { spec, rows } of sheets) {
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    // The combined "中文 English" header is what readWorkbook matches, so exports import back unchanged.
    ws.columns = spec.columns.map((c) => ({
      header: label(c), key: c.key, width: c.width ?? Math.min(40, Math.max(10, textWidth(label(c)) + 2)),
    }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) {
      const row = ws.addRow(Object.fromEntries(spec.columns.map((c) => [c.key, cellOut(r[c.key])])));
      row.eachCell((cell) => {
        if (cell.value instanceof Date) {
          cell.numFmt = cell.value.getTime() % 86_400_000 === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
        }
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// encodeURIComponent leaves ' ( ) * ! unescaped, but RFC 5987 attr-char does not allow them.
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A download response; the RFC 5987 file name keeps Chinese names intact. */
export function downloadResponse(buf: Buffer, fileName: string, contentType: string): Response {
  // Plain filename= is for old clients that ignore filename*; it must be ASCII without quotes.
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(new Uint8Array(buf), {
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`,
      'Content-Length': String(buf.length),
      // Exports hold organisation data; keep them out of shared caches.
      'Cache-Control': 'no-store',
    },
  });
}

export function xlsxResponse(buf: Buffer, fileName: string): Response {
  return downloadResponse(buf, /\.xlsx$/i.test(fileName) ? fileName : `${fileName}.xlsx`, XLSX_MIME);
}
