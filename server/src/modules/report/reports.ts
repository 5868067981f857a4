import type { Ctx } from '../../core/context.ts';
import type { DocColumn, ReportDocument } from '../../core/report-document.ts';
import { salesSums } from '../costing/index.ts';
import { CATEGORY_LABELS, CATEGORY_LABELS_EN, ingredientsByIds, PURCHASE_UNITS, type Ingredient, type PurchaseUnit } from '../ingredient/index.ts';
import { balancesBefore, movementSums, purchaseSums, type MoveKind } from '../stock/index.ts';
import { suppliersUsableBy } from '../supplier/index.ts';
import type { ReportKey, ReportQuery } from './contracts.ts';

export type ReportBody = Pick<ReportDocument, 'title' | 'columns' | 'groups' | 'rows' | 'totals' | 'signatures'> & { footnote?: { zh: string; en: string } };
type Range = Pick<ReportQuery, 'from' | 'to' | 'category'> & { canteenIds: number[] };
type Cell = string | number | null;

export const REPORT_TITLES: Record<ReportKey, { zh: string; en: string }> = {
  'purchase-summary': { zh: '材料采购汇总表', en: 'Purchase summary' },
  'stock-balance': { zh: '收发存汇总表', en: 'Stock balance summary' },
  'stock-movements': { zh: '出入库材料汇总表', en: 'Stock movement summary' },
  'daily-profit-loss': { zh: '每日亏损表', en: 'Daily profit and loss' },
  'income-expenditure': { zh: '收入支出表', en: 'Income and expenditure' },
};

const IN_KINDS: MoveKind[] = ['receipt', 'transfer_in', 'count_gain'];
const OUT_KINDS: MoveKind[] = ['issue', 'return', 'transfer_out', 'write_off', 'count_loss'];
const MEALS = [['breakfast', '早餐', 'Breakfast'], ['lunch', '午餐', 'Lunch'], ['dinner', '晚餐', 'Dinner'], ['late', '夜宵', 'Late meal']] as const;

const col = (key: string, zh: string, en: string, kind: DocColumn['kind'], more: Partial<DocColumn> = {}): DocColumn => ({ key, zh, en, kind, ...more });
const qtyVal = (key: string, zh: string, en: string): DocColumn[] => [
  col(`${key}G`, `${zh}数量(kg)`, `${en} kg`, 'grams', { total: true }), col(`${key}Fen`, `${zh}金额(元)`, `${en} yuan`, 'fen', { total: true }),
];
const ingredientCols = [col('category', '类别', 'Category', 'text'), col('code', '编码', 'Code', 'text'), col('name', '食材', 'Ingredient', 'text', { width: 2 })];
const byIngredient = (a: { category?: Cell; code?: Cell }, b: { category?: Cell; code?: Cell }) => `${a.category}${a.code}`.localeCompare(`${b.category}${b.code}`);

const categoryName = (ctx: Ctx, c: string) => ((ctx.lang === 'en' ? CATEGORY_LABELS_EN : CATEGORY_LABELS) as Record<string, string>)[c] ?? c;
const say = (ctx: Ctx, zh: string, en: string) => (ctx.lang === 'en' ? en : zh);

function ingredientCells(ctx: Ctx, i: Ingredient | undefined, id: number): { category: string; code: string; name: string } {
  return { category: i ? categoryName(ctx, i.category) : '', code: i?.code ?? String(id), name: i ? (ctx.lang === 'en' && i.nameEn ? i.nameEn : i.name) : `#${id}` };
}

/** Ingredients of the chosen category (all when none), loaded once per report. */
async function ingredientFilter(ctx: Ctx, ids: number[], category?: string) {
  const ings = await ingredientsByIds(ctx, ids);
  return { ings, keep: (id: number) => !category || ings.get(id)?.category === category };
}

/** 收发存汇总表: opening, in, out and closing per ingredient, in kilograms and yuan. */
async function stockBalance(ctx: Ctx, q: Range): Promise<ReportBody> {
  const [opening, period] = [await balancesBefore(ctx, { canteenIds: q.canteenIds, date: q.from }), await movementSums(ctx, q)];
  const ids = [...new Set([...opening.keys(), ...period.map((p) => p.ingredientId)])];
  const { ings, keep } = await ingredientFilter(ctx, ids, q.category);
  const rows = ids.filter(keep).map((id) => {
    const o = opening.get(id) ?? { qtyG: 0, valueFen: 0 };
    const mine = period.filter((p) => p.ingredientId === id);
    const sum = (kinds: MoveKind[], f: 'qtyG' | 'valueFen') => mine.filter((p) => kinds.includes(p.kind)).reduce((s, p) => s + p[f], 0);
    const inG = sum(IN_KINDS, 'qtyG'), inFen = sum(IN_KINDS, 'valueFen'), outG = -sum(OUT_KINDS, 'qtyG'), outFen = -sum(OUT_KINDS, 'valueFen');
    return { ...ingredientCells(ctx, ings.get(id), id), openingG: o.qtyG, openingFen: o.valueFen, inG, inFen, outG, outFen, closingG: o.qtyG + inG - outG, closingFen: o.valueFen + inFen - outFen };
  }).filter((r) => r.openingG || r.inG || r.outG || r.openingFen || r.closingFen).sort(byIngredient);
  return {
    title: REPORT_TITLES['stock-balance'],
    columns: [...ingredientCols, ...qtyVal('opening', '期初', 'Opening'), ...qtyVal('in', '收入', 'In'), ...qtyVal('out', '发出', 'Out'), ...qtyVal('closing', '期末', 'Closing')],
    groups: [
      { zh: '期初结存', en: 'Opening', from: 'openingG', to: 'openingFen' }, { zh: '本期收入', en: 'In', from: 'inG', to: 'inFen' },
      { zh: '本期发出', en: 'Out', from: 'outG', to: 'outFen' }, { zh: '期末结存', en: 'Closing', from: 'closingG', to: 'closingFen' },
    ],
    rows, totals: true,
    signatures: [{ zh: '仓管员', en: 'Storekeeper' }, { zh: '会计', en: 'Accountant' }, { zh: '食堂负责人', en: 'Canteen head' }],
    footnote: { zh: '收入 = 采购入库 + 调入 + 盘盈；发出 = 领用 + 退货 + 调出 + 报损 + 盘亏；金额按批次实际成本。', en: 'In = receipts + transfers in + count gains; out = issues + returns + transfers out + write-offs + count losses; valued at batch cost.' },
  };
}

const MOVEMENT_KINDS: [MoveKind, string, string][] = [
  ['receipt', '采购入库', 'Receipts'], ['transfer_in', '调入', 'Transfers in'], ['count_gain', '盘盈', 'Count gains'],
  ['issue', '领用', 'Issues'], ['return', '退货', 'Returns'], ['transfer_out', '调出', 'Transfers out'], ['write_off', '报损', 'Write-offs'], ['count_loss', '盘亏', 'Count losses'],
];

/** 出入库材料汇总表: what came in and went out per ingredient, split by kind of movement (amounts), with quantities. */
async function stockMovements(ctx: Ctx, q: Range): Promise<ReportBody> {
  const period = await movementSums(ctx, q);
  const ids = [...new Set(period.map((p) => p.ingredientId))];
  const { ings, keep } = await ingredientFilter(ctx, ids, q.category);
  const rows = ids.filter(keep).map((id) => {
    const mine = period.filter((p) => p.ingredientId === id);
    const of = (kind: MoveKind, f: 'qtyG' | 'valueFen') => Math.abs(mine.filter((p) => p.kind === kind).reduce((s, p) => s + p[f], 0));
    const row: Record<string, Cell> = { ...ingredientCells(ctx, ings.get(id), id) };
    for (const [kind] of MOVEMENT_KINDS) row[kind] = of(kind, 'valueFen');
    row.inG = IN_KINDS.reduce((s, k) => s + of(k, 'qtyG'), 0);
    row.inFen = IN_KINDS.reduce((s, k) => s + of(k, 'valueFen'), 0);
    row.outG = OUT_KINDS.reduce((s, k) => s + of(k, 'qtyG'), 0);
    row.outFen = OUT_KINDS.reduce((s, k) => s + of(k, 'valueFen'), 0);
    return row;
  }).sort(byIngredient);
  const kindCol = ([kind, zh, en]: [MoveKind, string, string]) => col(kind, zh, en, 'fen', { total: true });
  return {
    title: REPORT_TITLES['stock-movements'],
    columns: [col('category', '类别', 'Category', 'text'), col('name', '食材', 'Ingredient', 'text', { width: 2 }),
      ...qtyVal('in', '入库', 'In'), ...MOVEMENT_KINDS.slice(0, 3).map(kindCol), ...qtyVal('out', '出库', 'Out'), ...MOVEMENT_KINDS.slice(3).map(kindCol)],
    groups: [{ zh: '入库', en: 'In', from: 'inG', to: 'count_gain' }, { zh: '出库', en: 'Out', from: 'outG', to: 'count_loss' }],
    rows, totals: true,
    signatures: [{ zh: '仓管员', en: 'Storekeeper' }, { zh: '食堂负责人', en: 'Canteen head' }],
    footnote: { zh: '分项为金额（元），按批次实际成本。', en: 'Split columns are amounts in yuan at batch cost.' },
  };
}

/** 材料采购汇总表: per supplier and ingredient, accepted and rejected quantities, amounts, returns and net purchase. */
async function purchaseSummary(ctx: Ctx, q: Range): Promise<ReportBody> {
  const sums = await purchaseSums(ctx, q);
  const { ings, keep } = await ingredientFilter(ctx, sums.map((s) => s.ingredientId), q.category);
  const supplierNames = new Map<number, string>();
  for (const c of q.canteenIds) for (const [id, s] of await suppliersUsableBy(ctx, c, [...new Set(sums.map((s) => s.supplierId).filter((x): x is number => x !== null))])) supplierNames.set(id, s.name);
  const rows = sums.filter((s) => keep(s.ingredientId)).map((s) => {
    const i = ings.get(s.ingredientId);
    const netG = s.receivedG - s.returnedG, netFen = s.receivedFen - s.returnedFen;
    return {
      supplier: s.supplierId ? supplierNames.get(s.supplierId) ?? `#${s.supplierId}` : '—', ...ingredientCells(ctx, i, s.ingredientId), unit: i ? PURCHASE_UNITS[i.purchaseUnit as PurchaseUnit]?.[ctx.lang] ?? i.purchaseUnit : '',
      receipts: s.receipts, receivedG: s.receivedG, rejectedG: s.rejectedG, receivedFen: s.receivedFen, returnedG: s.returnedG, returnedFen: s.returnedFen, netG, netFen,
      avgPriceFen: i && netG > 0 ? Math.round((netFen * i.gramsPerUnit) / netG) : null,
    };
  }).sort((a, b) => String(a.supplier).localeCompare(String(b.supplier)) || byIngredient(a, b));
  return {
    title: REPORT_TITLES['purchase-summary'],
    columns: [col('supplier', '供应商', 'Supplier', 'text', { width: 2 }), col('category', '类别', 'Category', 'text'), col('name', '食材', 'Ingredient', 'text', { width: 2 }),
      col('receipts', '验收次数', 'Receipts', 'int', { total: true }), col('receivedG', '验收数量(kg)', 'Accepted kg', 'grams', { total: true }),
      col('rejectedG', '拒收数量(kg)', 'Rejected kg', 'grams', { total: true }), col('receivedFen', '采购金额(元)', 'Purchased yuan', 'fen', { total: true }),
      col('returnedG', '退货数量(kg)', 'Returned kg', 'grams', { total: true }), col('returnedFen', '退货金额(元)', 'Returned yuan', 'fen', { total: true }),
      col('netFen', '净采购金额(元)', 'Net purchase yuan', 'fen', { total: true }), col('avgPriceFen', '平均单价(元/采购单位)', 'Average price per unit', 'fen'), col('unit', '单位', 'Unit', 'text')],
    rows, totals: true,
    signatures: [{ zh: '采购员', en: 'Buyer' }, { zh: '验收人', en: 'Receiving clerk' }, { zh: '食堂负责人', en: 'Canteen head' }],
  };
}

/** 每日亏损表: revenue per meal less the cost of what was issued, per day; a loss shows negative. */
async function dailyProfitLoss(ctx: Ctx, q: Range): Promise<ReportBody> {
  const [sales, period] = [await salesSums(ctx, q), await movementSums(ctx, { ...q, byDay: true })];
  const { keep } = await ingredientFilter(ctx, [...new Set(period.map((p) => p.ingredientId))], q.category);
  const days = new Map<string, Record<string, Cell> & { revenueFen: number; costFen: number; portions: number }>();
  const day = (d: string) => {
    if (!days.has(d)) days.set(d, { date: d, portions: 0, revenueFen: 0, costFen: 0, ...Object.fromEntries(MEALS.map(([m]) => [m, 0])) });
    return days.get(d)!;
  };
  for (const s of sales) {
    const r = day(s.day);
    r[s.meal] = (r[s.meal] as number) + s.revenueFen;
    r.revenueFen += s.revenueFen;
    r.portions += s.portions;
  }
  for (const p of period) if (p.kind === 'issue' && keep(p.ingredientId)) day(p.day!).costFen -= p.valueFen;
  const rows = [...days.values()].sort((a, b) => String(a.date).localeCompare(String(b.date))).map((r) => {
    const profitFen = r.revenueFen - r.costFen;
    return { ...r, profitFen, marginPct: r.revenueFen ? Math.round((profitFen / r.revenueFen) * 1000) / 10 : null, result: profitFen < 0 ? say(ctx, '亏损', 'loss') : say(ctx, '盈余', 'surplus') };
  });
  return {
    title: REPORT_TITLES['daily-profit-loss'],
    columns: [col('date', '日期', 'Date', 'date'), col('portions', '就餐份数', 'Portions sold', 'int', { total: true }),
      ...MEALS.map(([m, zh, en]) => col(m, `${zh}收入`, `${en} revenue`, 'fen', { total: true })),
      col('revenueFen', '收入合计', 'Revenue', 'fen', { total: true }), col('costFen', '食材成本', 'Cost of issues', 'fen', { total: true }),
      col('profitFen', '盈亏', 'Profit or loss', 'fen', { total: true }), col('marginPct', '毛利率', 'Margin', 'pct'), col('result', '结果', 'Result', 'text')],
    rows, totals: true,
    signatures: [{ zh: '制表', en: 'Prepared by' }, { zh: '食堂负责人', en: 'Canteen head' }],
    footnote: { zh: '收入来自销售数据（结算台上线前为导入的销售文件）；成本为当日领用出库的批次实际成本。', en: 'Revenue from sales (imported files until checkout exists); cost = issues of the day at batch cost.' },
  };
}

/** 收入支出表: income by meal, purchase spending by ingredient category (less returns), and the balance. */
async function incomeExpenditure(ctx: Ctx, q: Range): Promise<ReportBody> {
  const [sales, period] = [await salesSums(ctx, q), await movementSums(ctx, q)];
  const { ings, keep } = await ingredientFilter(ctx, [...new Set(period.map((p) => p.ingredientId))], q.category);
  const income = MEALS.map(([m, zh, en]) => ({ item: say(ctx, `伙食收入 — ${zh}`, `Meal income — ${en}`), amountFen: sales.filter((s) => s.meal === m).reduce((s, x) => s + x.revenueFen, 0) }));
  const spend = new Map<string, number>();
  for (const p of period) {
    if ((p.kind === 'receipt' || p.kind === 'return') && keep(p.ingredientId)) {
      const c = ings.get(p.ingredientId)?.category ?? 'other';
      spend.set(c, (spend.get(c) ?? 0) + p.valueFen);
    }
  }
  const expenditure = [...spend.entries()].sort((a, b) => b[1] - a[1])
    .map(([c, fen]) => ({ item: say(ctx, `食材采购 — ${categoryName(ctx, c)}`, `Ingredients — ${categoryName(ctx, c)}`), amountFen: fen }));
  const totalIn = income.reduce((s, r) => s + r.amountFen, 0), totalOut = expenditure.reduce((s, r) => s + r.amountFen, 0);
  const share = (fen: number, of: number) => (of ? Math.round((fen / of) * 1000) / 10 : null);
  const rows: Record<string, Cell>[] = [
    { section: say(ctx, '收入', 'Income'), item: '', amountFen: null, sharePct: null },
    ...income.map((r) => ({ section: '', ...r, sharePct: share(r.amountFen, totalIn) })),
    { section: '', item: say(ctx, '收入合计', 'Total income'), amountFen: totalIn, sharePct: totalIn ? 100 : null },
    { section: say(ctx, '支出', 'Expenditure'), item: '', amountFen: null, sharePct: null },
    ...expenditure.map((r) => ({ section: '', ...r, sharePct: share(r.amountFen, totalOut) })),
    { section: '', item: say(ctx, '支出合计', 'Total expenditure'), amountFen: totalOut, sharePct: totalOut ? 100 : null },
    { section: say(ctx, '结余', 'Balance'), item: say(ctx, '收入 − 支出', 'Income − expenditure'), amountFen: totalIn - totalOut, sharePct: null },
  ];
  return {
    title: REPORT_TITLES['income-expenditure'],
    columns: [col('section', '类别', 'Section', 'text'), col('item', '项目', 'Item', 'text', { width: 4 }), col('amountFen', '金额(元)', 'Amount yuan', 'fen'), col('sharePct', '占比', 'Share', 'pct')],
    rows, totals: false,
    signatures: [{ zh: '会计', en: 'Accountant' }, { zh: '食堂负责人', en: 'Canteen head' }],
    footnote: { zh: '支出为验收入库金额减退货金额。', en: 'Expenditure = goods received less returns.' },
  };
}

export const REPORTS: Record<ReportKey, { build: (ctx: Ctx, q: Range) => Promise<ReportBody>; needsSales: boolean }> = {
  'purchase-summary': { build: purchaseSummary, needsSales: false },
  'stock-balance': { build: stockBalance, needsSales: false },
  'stock-movements': { build: stockMovements, needsSales: false },
  'daily-profit-loss': { build: dailyProfitLoss, needsSales: true },
  'income-expenditure': { build: incomeExpenditure, needsSales: true },
};
