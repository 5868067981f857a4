import { Alert, App, Button, Segmented, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { get } from '../../api.ts';
import { MEALS, mealLabel, t } from '../../i18n.ts';
import { DateInput, dayText } from '../ingredient/shared.tsx';
import { Chart } from '../report/chart.tsx';
import { nameOf } from '../stock/shared.tsx';
import { dishCostOption } from './costing-charts.ts';
import { Money, pctText } from './MealCosts.tsx';
import type { CostSource, DishCost } from './types.ts';

const SOURCES: Record<CostSource, { zh: string; en: string; color: string; tipZh: string; tipEn: string }> = {
  issued: { zh: '当日领用', en: 'Issued that day', color: 'green', tipZh: '按当天实际领用出库的批次成本计算', tipEn: 'From the batch cost of what was issued that day' },
  stock: { zh: '库存均价', en: 'Stock average', color: 'blue', tipZh: '当天没有领用，按库存里现有批次的平均成本计算', tipEn: 'Nothing issued that day: from the average cost of the batches in stock' },
  price_list: { zh: '价格表', en: 'Price list', color: 'orange', tipZh: '既没有领用也没有库存，按供应商价格表估算', tipEn: 'Neither issued nor in stock: estimated from the supplier price list' },
};

export function SourceTag({ source }: { source: CostSource }) {
  const s = SOURCES[source];
  return <Tooltip title={t(s.tipZh, s.tipEn)}><Tag color={s.color} style={{ fontSize: 14 }}>{t(s.zh, s.en)}</Tag></Tooltip>;
}

const RED = '#cf1322';

/** 菜品毛利: for one day, each planned dish's price against what a portion really cost, and where that cost came from. */
export function DishCosts({ canteenId }: { canteenId: number }) {
  const { message } = App.useApp();
  const [date, setDate] = useState(() => dayjs().format('YYYY-MM-DD'));
  const [meal, setMeal] = useState<string>('');
  const [rows, setRows] = useState<DishCost[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [names, setNames] = useState<Map<number, string>>(new Map());
  useEffect(() => {
    let live = true;
    setLoading(true);
    get<DishCost[]>(`/api/costing/dishes?canteenId=${canteenId}&date=${date}`)
      .then((r) => { if (live) setRows(r); })
      .catch((e) => message.error((e as Error).message))
      .finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
  }, [canteenId, date]);
  // Names of ingredients that could not be costed (the API gives their ids).
  const missing = [...new Set((rows ?? []).flatMap((r) => r.uncosted))];
  useEffect(() => {
    if (missing.length && !missing.every((id) => names.has(id))) {
      void get<{ id: number; name: string; nameEn?: string }[]>(`/api/ingredients?canteenId=${canteenId}`)
        .then((l) => setNames(new Map(l.map((i) => [i.id, nameOf(i)])))).catch(() => undefined);
    }
  }, [missing.join(',')]);

  const all = rows ?? [];
  const meals = MEALS.filter((m) => all.some((r) => r.meal === m.value));
  const list = meal ? all.filter((r) => r.meal === meal) : all;
  const losing = list.filter((r) => r.marginFen < 0);
  const today = dayjs().format('YYYY-MM-DD');
  const quick = [
    { label: t('昨天', 'Yesterday'), value: dayjs().subtract(1, 'day').format('YYYY-MM-DD') },
    { label: t('今天', 'Today'), value: today },
    { label: t('明天', 'Tomorrow'), value: dayjs().add(1, 'day').format('YYYY-MM-DD') },
  ];

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 16 }}>
        {quick.map((q) => <Button key={q.value} size="large" type={date === q.value ? 'primary' : 'default'} onClick={() => setDate(q.value)}>{q.label}</Button>)}
        <DateInput size="large" allowClear={false} aria-label={t('日期', 'Date')} value={dayjs(date)} onChange={(d) => { if (d && !Array.isArray(d)) setDate(d.format('YYYY-MM-DD')); }} />
        <Typography.Text strong style={{ fontSize: 16 }}>{dayText(date)}</Typography.Text>
        {meals.length > 1 && (
          <Segmented size="large" value={meal} onChange={(v) => setMeal(String(v))}
            options={[{ value: '', label: t('全部餐次', 'All meals') }, ...meals.map((m) => ({ value: m.value, label: t(m.zh, m.en) }))]} />
        )}
      </div>
      <Spin spinning={loading} size="large">
        {rows && all.length === 0 && <Alert type="info" showIcon style={{ fontSize: 16 }} title={t('这一天没有已发布的菜单，无法计算菜品成本。', 'No published menu on this day, so there is nothing to cost.')} />}
        {losing.length > 0 && (
          <Alert type="error" showIcon style={{ marginBottom: 12, fontSize: 16 }}
            title={t(`有 ${losing.length} 道菜亏本：每份成本高于售价`, `${losing.length} dishes lose money: a portion costs more than its price`)}
            description={losing.map((d) => `${nameOf(d)}（${mealLabel(d.meal)}）`).join('、')} />
        )}
        {missing.length > 0 && (
          <Alert type="warning" showIcon style={{ marginBottom: 12, fontSize: 16 }}
            title={t('以下食材既没有领用、没有库存，也没有报价，成本按 0 计算，相关菜品的成本偏低：', 'These ingredients were not issued, are not in stock and have no price; they count as 0, so those dishes look cheaper than they are:')}
            description={missing.map((id) => names.get(id) ?? `#${id}`).join('、')} />
        )}
        {list.length > 0 && (
          <Table<DishCost> rowKey={(r) => `${r.meal}|${r.dishId}`} dataSource={list} size="middle" pagination={false} style={{ marginTop: 8 }} scroll={{ x: 1000 }}
            rowClassName={(r) => (r.marginFen < 0 ? 'cost-loss-row' : '')}
            columns={[
              { title: t('餐次', 'Meal'), dataIndex: 'meal', width: 80, render: mealLabel },
              { title: t('菜品', 'Dish'), render: (_, r) => (
                <Space size={6} wrap>
                  <Typography.Text strong style={{ fontSize: 16 }}>{nameOf(r)}</Typography.Text>
                  {r.marginFen < 0 && <Tag color="error" style={{ fontSize: 14 }}>{t('亏本', 'Loses money')}</Tag>}
                  {r.uncosted.length > 0 && <Tag color="warning">{t(`${r.uncosted.length} 种食材无成本`, `${r.uncosted.length} without cost`)}</Tag>}
                </Space>
              ) },
              { title: t('售价', 'Price'), dataIndex: 'priceFen', width: 100, align: 'right', render: (v: number) => <Money fen={v} /> },
              { title: t('每份成本', 'Cost per portion'), dataIndex: 'costFen', width: 110, align: 'right', render: (v: number, r) => <span style={{ color: r.marginFen < 0 ? RED : undefined, fontWeight: 600 }}><Money fen={v} /></span> },
              { title: t('毛利', 'Margin'), dataIndex: 'marginFen', width: 100, align: 'right', render: (v: number) => <Money fen={v} /> },
              { title: t('毛利率', 'Margin %'), dataIndex: 'marginPct', width: 90, align: 'right', render: (v: number | null) => <span style={{ color: v != null && v < 0 ? RED : undefined }}>{pctText(v)}</span> },
              { title: t('成本来源', 'Cost from'), dataIndex: 'sources', width: 200, render: (v: CostSource[]) => <Space size={4} wrap>{v.map((s) => <SourceTag key={s} source={s} />)}</Space> },
              { title: t('计划份数', 'Planned'), dataIndex: 'plannedPortions', width: 90, align: 'right' },
              { title: t('售出份数', 'Sold'), dataIndex: 'soldPortions', width: 90, align: 'right', render: (v: number | null) => v ?? '—' },
            ]} />
        )}
        {list.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 20 }}>{t('售价与每份成本对比（红色：成本高于售价）', 'Price against cost per portion (red: costs more than its price)')}</Typography.Title>
            <Chart label={t('售价与每份成本', 'Price and cost per portion')} height={60 + list.length * 34}
              option={dishCostOption(list, (d) => (meal ? nameOf(d) : `${nameOf(d)} · ${mealLabel(d.meal)}`))} />
          </>
        )}
      </Spin>
      {date > today && list.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 14 }}>{t('未来日期还没有领用，成本按库存均价或价格表估算。', 'Nothing is issued yet for a future day: the cost is estimated from stock or the price list.')}</Typography.Paragraph>
      )}
    </div>
  );
}
