import { MEALS, t } from '../../i18n.ts';
import { COLORS, zoomFor } from '../report/report-charts.ts';
import type { DishCost, MealCost } from './types.ts';

const MEAL_COLORS: Record<string, string> = { breakfast: '#f2b84b', lunch: '#2f6fb3', dinner: '#7b5ea7', late: '#5b8c85' };
const yuan = (fen: number | null) => (fen == null ? null : Math.round(fen) / 100);

/** Per day: the cost of a portion at each meal (bars, yuan) and the day's margin (line, %). */
export function mealCostOption(rows: MealCost[]): Record<string, unknown> {
  const dates = [...new Set(rows.map((r) => r.date))].sort();
  const meals = MEALS.filter((m) => rows.some((r) => r.meal === m.value && r.costPerPortionFen != null));
  const margin = dates.map((d) => {
    const day = rows.filter((r) => r.date === d);
    const revenue = day.reduce((s, r) => s + r.revenueFen, 0);
    const cost = day.reduce((s, r) => s + r.costFen, 0);
    return revenue ? Math.round(((revenue - cost) / revenue) * 1000) / 10 : null;
  });
  return {
    grid: { left: 60, right: 60, top: 52, bottom: dates.length > 62 ? 64 : 32 },
    legend: { top: 4, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: dates.map((d) => d.slice(5)), axisLabel: { fontSize: 13 } },
    yAxis: [
      { type: 'value', name: t('每份成本（元）', 'Cost per portion (yuan)'), nameTextStyle: { fontSize: 13, align: 'left' }, axisLabel: { fontSize: 13 } },
      { type: 'value', name: t('毛利率 %', 'Margin %'), nameTextStyle: { fontSize: 13, align: 'right' }, axisLabel: { fontSize: 13, formatter: '{value}%' }, splitLine: { show: false } },
    ],
    dataZoom: zoomFor(dates.length),
    series: [
      ...meals.map((m) => ({
        name: t(`${m.zh}每份成本`, `${m.en} cost per portion`), type: 'bar', itemStyle: { color: MEAL_COLORS[m.value] },
        tooltip: { valueFormatter: (v: number | null) => (v == null ? '—' : `¥${v.toFixed(2)}`) },
        data: dates.map((d) => yuan(rows.find((r) => r.date === d && r.meal === m.value)?.costPerPortionFen ?? null)),
      })),
      {
        name: t('当日毛利率', 'Margin of the day'), type: 'line', yAxisIndex: 1, symbolSize: 7, lineStyle: { width: 3, color: COLORS.margin }, itemStyle: { color: COLORS.margin },
        tooltip: { valueFormatter: (v: number | null) => (v == null ? '—' : `${v.toFixed(1)}%`) },
        // A red break-even line only when some day fell below it.
        markLine: margin.some((m) => m != null && m < 0) ? { silent: true, symbol: 'none', lineStyle: { color: COLORS.loss, type: 'dashed' }, label: { show: false }, data: [{ yAxis: 0 }] } : undefined,
        data: margin,
      },
    ],
  };
}

/** Each dish: its price beside what a portion actually cost; a cost above the price is red. */
export function dishCostOption(rows: DishCost[], name: (d: DishCost) => string): Record<string, unknown> {
  const list = [...rows].reverse();
  return {
    grid: { left: 8, right: 80, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: 14 }, data: [{ name: t('售价', 'Price') }, { name: t('每份成本', 'Cost per portion') }] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `¥${v.toFixed(2)}` },
    xAxis: { type: 'value', axisLabel: { fontSize: 13, formatter: '¥{value}' } },
    yAxis: { type: 'category', data: list.map(name), axisLabel: { fontSize: 14 } },
    series: [
      { name: t('售价', 'Price'), type: 'bar', barMaxWidth: 14, itemStyle: { color: COLORS.revenue }, data: list.map((d) => yuan(d.priceFen)) },
      { name: t('每份成本', 'Cost per portion'), type: 'bar', barMaxWidth: 14, itemStyle: { color: COLORS.cost },
        label: { show: true, position: 'right', fontSize: 12, formatter: (p: { dataIndex: number }) => { const d = list[p.dataIndex]!; return d.marginPct == null ? '' : `${d.marginPct.toFixed(1)}%`; } },
        data: list.map((d) => ({ value: yuan(d.costFen), itemStyle: d.marginFen < 0 ? { color: COLORS.loss } : undefined })) },
    ],
  };
}
