import { Alert, App, Col, Row, Spin, Statistic, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { get } from '../../api.ts';
import { mealLabel, t } from '../../i18n.ts';
import { dayText } from '../ingredient/shared.tsx';
import { Chart } from '../report/chart.tsx';
import { yuanText } from '../report/document.ts';
import { last30Days, PeriodPicker, type Period } from '../report/period.tsx';
import { mealCostOption } from './costing-charts.ts';
import type { MealCost } from './types.ts';

const RED = '#cf1322';
export const pctText = (v: number | null) => (v == null ? '—' : `${v.toFixed(1)}%`);
export const Money = ({ fen, strong }: { fen: number | null; strong?: boolean }) => (
  <span style={{ color: fen != null && fen < 0 ? RED : undefined, fontWeight: strong || (fen != null && fen < 0) ? 600 : undefined, whiteSpace: 'nowrap' }}>{yuanText(fen)}</span>
);

/** 每餐成本: what each meal cost per portion from real issues, beside its revenue and margin, over a range of days. */
export function MealCosts({ canteenId, version, importButton }: { canteenId: number; version: number; importButton: React.ReactNode }) {
  const { message } = App.useApp();
  const [period, setPeriod] = useState<Period>(last30Days);
  const [rows, setRows] = useState<MealCost[] | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    let live = true;
    setLoading(true);
    get<MealCost[]>(`/api/costing/meals?canteenId=${canteenId}&from=${period.from}&to=${period.to}`)
      .then((r) => { if (live) setRows(r); })
      .catch((e) => message.error((e as Error).message))
      .finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
  }, [canteenId, period.from, period.to, version]);

  const list = rows ?? [];
  const revenue = list.reduce((s, r) => s + r.revenueFen, 0);
  const cost = list.reduce((s, r) => s + r.costFen, 0);
  const portions = list.reduce((s, r) => s + (r.soldPortions || r.plannedPortions), 0);
  const noSales = list.length > 0 && revenue === 0;
  const lossMeals = list.filter((r) => r.revenueFen > 0 && r.marginFen < 0).length;

  return (
    <div>
      <div style={{ marginBottom: 16 }}><PeriodPicker value={period} onChange={setPeriod} /></div>
      <Spin spinning={loading} size="large">
        <Row gutter={[16, 16]} style={{ marginBottom: 12 }}>
          <Col xs={12} md={5}><Statistic title={t('收入', 'Revenue')} value={yuanText(revenue)} /></Col>
          <Col xs={12} md={5}><Statistic title={t('食材成本', 'Cost of food')} value={yuanText(cost)} /></Col>
          <Col xs={12} md={5}><Statistic title={t('毛利', 'Margin')} value={yuanText(revenue - cost)} styles={{ content: { color: revenue - cost < 0 ? RED : undefined } }} /></Col>
          <Col xs={12} md={4}><Statistic title={t('毛利率', 'Margin %')} value={revenue ? pctText(Math.round(((revenue - cost) / revenue) * 1000) / 10) : '—'} /></Col>
          <Col xs={12} md={5}><Statistic title={t('平均每份成本', 'Average cost per portion')} value={portions ? yuanText(Math.round(cost / portions)) : '—'} /></Col>
        </Row>
        {noSales && (
          <Alert type="warning" showIcon style={{ marginBottom: 12, fontSize: 16 }} action={importButton}
            title={t('这段时间还没有销售数据，所以收入和毛利为 0。导入销售文件后就能看到。', 'There are no sales in this period, so revenue and margin are 0. Import a sales file to see them.')} />
        )}
        {lossMeals > 0 && (
          <Alert type="error" showIcon style={{ marginBottom: 12, fontSize: 16 }}
            title={t(`有 ${lossMeals} 餐的食材成本高于收入（表中红色）`, `${lossMeals} meals cost more than they brought in (red in the table)`)} />
        )}
        {list.length > 0 && <Chart label={t('每份成本与毛利率', 'Cost per portion and margin')} option={mealCostOption(list)} height={330} />}
        <Table<MealCost> rowKey={(r) => `${r.date}|${r.meal}`} dataSource={list} size="middle" style={{ marginTop: 8 }} scroll={{ x: 1000 }}
          pagination={list.length > 60 ? { pageSize: 60, showSizeChanger: false } : false}
          rowClassName={(r) => (r.revenueFen > 0 && r.marginFen < 0 ? 'cost-loss-row' : '')}
          locale={{ emptyText: t('这段时间没有菜单、领用或销售', 'No menus, issues or sales in this period') }}
          columns={[
            { title: t('日期', 'Date'), dataIndex: 'date', width: 130, render: (v: string) => dayText(v) },
            { title: t('餐次', 'Meal'), dataIndex: 'meal', width: 90, render: (v: string | null) => (v ? mealLabel(v) : <Typography.Text type="secondary">{t('未注明', 'Not given')}</Typography.Text>) },
            { title: t('计划份数', 'Planned'), dataIndex: 'plannedPortions', width: 100, align: 'right' },
            { title: t('售出份数', 'Sold'), dataIndex: 'soldPortions', width: 100, align: 'right', render: (v: number) => v || '—' },
            { title: t('收入', 'Revenue'), dataIndex: 'revenueFen', width: 130, align: 'right', render: (v: number) => <Money fen={v} /> },
            { title: t('食材成本', 'Cost of food'), dataIndex: 'costFen', width: 130, align: 'right', render: (v: number) => <Money fen={v} /> },
            { title: t('每份成本', 'Cost per portion'), dataIndex: 'costPerPortionFen', width: 110, align: 'right', render: (v: number | null) => <Money fen={v} strong /> },
            { title: t('毛利', 'Margin'), dataIndex: 'marginFen', width: 130, align: 'right', render: (v: number, r) => (r.revenueFen ? <Money fen={v} /> : '—') },
            { title: t('毛利率', 'Margin %'), dataIndex: 'marginPct', width: 90, align: 'right', render: (v: number | null) => <span style={{ color: v != null && v < 0 ? RED : undefined }}>{pctText(v)}</span> },
          ]} />
      </Spin>
    </div>
  );
}
