import { t } from '../../i18n.ts';
import { yuanText, type ReportRow } from './document.ts';

/** Colours used by every chart here: blue for money in, orange for cost, red for a loss, green for a margin. */
export const COLORS = { revenue: '#2f6fb3', cost: '#e8912d', loss: '#cf1322', margin: '#2e8b57', muted: '#8c8c8c' };

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const yuan = (fen: number) => Math.round(fen) / 100;
const shortDate = (d: string) => d.slice(5);

/** Zoom bar under a long time axis (more than two months of days). */
export const zoomFor = (n: number) => (n > 62 ? [{ type: 'slider', start: Math.max(0, 100 - (62 / n) * 100), end: 100, height: 28, bottom: 8 }, { type: 'inside' }] : []);

const tooltipRow = (color: string, name: string, value: string) =>
  `<div style="display:flex;justify-content:space-between;gap:16px"><span><span style="display:inline-block;width:10px;height:10px;border-radius:5px;background:${color};margin-right:6px"></span>${name}</span><b>${value}</b></div>`;

/** 每日亏损表: revenue beside the cost of food for each day; on a loss day the cost bar is red. */
export function profitLossOption(rows: ReportRow[]): Record<string, unknown> {
  const days = rows.filter((r) => typeof r.date === 'string' && /^\d{4}-/.test(r.date));
  const loss = (r: ReportRow) => num(r.profitFen) < 0;
  return {
    grid: { left: 70, right: 24, top: 48, bottom: days.length > 62 ? 64 : 32 },
    legend: { top: 4, itemWidth: 18, itemHeight: 12, textStyle: { fontSize: 14 },
      data: [{ name: t('收入', 'Revenue') }, { name: t('食材成本', 'Cost of food') }, { name: t('亏损日的成本', 'Cost on a loss day'), itemStyle: { color: COLORS.loss } }] },
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (items: { dataIndex: number }[]) => {
        const r = days[items[0]!.dataIndex]!;
        const p = num(r.profitFen);
        return `<div style="font-size:14px"><b>${r.date}</b>${tooltipRow(COLORS.revenue, t('收入', 'Revenue'), yuanText(num(r.revenueFen)))}`
          + `${tooltipRow(COLORS.cost, t('食材成本', 'Cost of food'), yuanText(num(r.costFen)))}`
          + `${tooltipRow(p < 0 ? COLORS.loss : COLORS.margin, p < 0 ? t('亏损', 'Loss') : t('盈余', 'Surplus'), yuanText(p))}</div>`;
      },
    },
    xAxis: { type: 'category', data: days.map((r) => shortDate(String(r.date))), axisLabel: { fontSize: 13 } },
    yAxis: { type: 'value', name: t('元', 'yuan'), axisLabel: { fontSize: 13 } },
    dataZoom: zoomFor(days.length),
    series: [
      { name: t('收入', 'Revenue'), type: 'bar', itemStyle: { color: COLORS.revenue }, data: days.map((r) => yuan(num(r.revenueFen))) },
      { name: t('食材成本', 'Cost of food'), type: 'bar', itemStyle: { color: COLORS.cost },
        data: days.map((r) => ({ value: yuan(num(r.costFen)), itemStyle: loss(r) ? { color: COLORS.loss } : undefined })) },
      // Legend entry only: says what a red bar means.
      { name: t('亏损日的成本', 'Cost on a loss day'), type: 'bar', data: [], itemStyle: { color: COLORS.loss } },
    ],
  };
}

/** 收发存汇总表: the ten ingredients holding the most money at the end of the period. */
export function topClosingOption(rows: ReportRow[]): Record<string, unknown> {
  const top = rows.filter((r) => num(r.closingFen) > 0).sort((a, b) => num(b.closingFen) - num(a.closingFen)).slice(0, 10).reverse();
  return {
    grid: { left: 8, right: 110, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => yuanText(v * 100) },
    xAxis: { type: 'value', axisLabel: { fontSize: 13 } },
    yAxis: { type: 'category', data: top.map((r) => String(r.name ?? '')), axisLabel: { fontSize: 14 } },
    series: [{
      name: t('期末金额', 'Closing value'), type: 'bar', barMaxWidth: 26, itemStyle: { color: COLORS.revenue },
      label: { show: true, position: 'right', fontSize: 13, formatter: (p: { value: number }) => yuanText(p.value * 100) },
      data: top.map((r) => yuan(num(r.closingFen))),
    }],
  };
}

export const topClosingCount = (rows: ReportRow[]) => Math.min(10, rows.filter((r) => num(r.closingFen) > 0).length);
