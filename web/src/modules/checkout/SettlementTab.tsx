import { CheckCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Popconfirm, Row, Spin, Statistic, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { yuan } from '../../api.ts';
import { MEALS, mealLabel, t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { labelOf } from '../../shell/labels.tsx';
import { Chart } from '../report/chart.tsx';
import { checkoutApi, METHODS, type Settlement, type SettlementRow } from './api.ts';

const COUNTER = [
  { value: 'top_up', zh: '充值', en: 'Top-up' },
  { value: 'refund', zh: '退款', en: 'Refund' },
  { value: 'subsidy', zh: '补贴发放', en: 'Subsidy credited' },
  { value: 'subsidy_expiry', zh: '补贴清零', en: 'Subsidy expired' },
  { value: 'unit_bill', zh: '单位挂账', en: 'Unit bill' },
] as const;
const ENTRY_METHODS = [
  ...METHODS,
  { value: 'cash', zh: '现金', en: 'Cash' },
  { value: 'online', zh: '线上支付', en: 'Online' },
  { value: 'batch', zh: '批量', en: 'Batch' },
  { value: 'order', zh: '订餐', en: 'Order' },
  { value: 'unit', zh: '单位', en: 'Unit' },
] as const;

const y = (fen: number) => Number((fen / 100).toFixed(2));

/** The day by payment method and meal, with what the counter took in and paid out, and closing the day. */
export function SettlementTab({ canteenId, date }: { canteenId: number; date: string }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [data, setData] = useState<Settlement | null>(null);
  const [closing, setClosing] = useState(false);
  useEffect(() => {
    setData(null);
    checkoutApi.settlement(canteenId, date).then(setData, (e: Error) => message.error(e.message));
  }, [canteenId, date]);

  const close = async () => {
    setClosing(true);
    try {
      const r = await checkoutApi.closeDay(canteenId, date);
      setData(r);
      message.success(t(`已日结入账：${r.costingRows ?? 0} 条菜品营收进入成本核算`, `Day closed: ${r.costingRows ?? 0} dish revenue rows went to costing`));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setClosing(false);
    }
  };

  if (!data) return <Spin size="large" style={{ display: 'block', margin: 60 }} />;
  const paid = data.lines.filter((l) => l.status === 'paid');
  const meals = MEALS.filter((m) => paid.some((l) => l.meal === m.value));
  const methods = [...new Set(paid.map((l) => l.method))];
  const option = {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `¥${v.toFixed(2)}` },
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: meals.map((m) => t(m.zh, m.en)) },
    yAxis: { type: 'value', name: t('元', 'yuan') },
    series: [
      ...methods.map((m) => ({ name: `${labelOf(METHODS, m)} · ${t('个人支付', 'diners paid')}`, type: 'bar', stack: 'paid', data: meals.map((ml) => y(paid.filter((l) => l.method === m && l.meal === ml.value).reduce((s, l) => s + l.fromSubsidyFen + l.fromCashFen, 0))) })),
      { name: t('单位补贴', 'Unit subsidy'), type: 'bar', stack: 'paid', itemStyle: { color: '#91caff' }, data: meals.map((ml) => y(paid.filter((l) => l.meal === ml.value).reduce((s, l) => s + l.mealSubsidyFen, 0))) },
    ],
  };
  const counter = data.counter.filter((c) => c.kind === 'top_up' || c.kind === 'refund' || c.kind === 'unit_bill');
  return (
    <div>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card><Statistic title={t('结算笔数', 'Sales')} value={data.totals.count} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('菜单金额', 'At menu price')} value={yuan(data.totals.menuFen)} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('单位补贴', 'Unit subsidy')} value={yuan(data.totals.mealSubsidyFen)} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('营收（个人现金 / 补贴钱包）', 'Revenue (diners’ cash / subsidy wallet)')} value={yuan(data.totals.dueFen)}
          suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>{yuan(data.totals.fromCashFen)} / {yuan(data.totals.fromSubsidyFen)}</Typography.Text>} /></Card></Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t(`撤销 ${data.voided.count} 笔（${yuan(data.voided.dueFen)}）`, `${data.voided.count} taken back (${yuan(data.voided.dueFen)})`)}
        {' · '}
        {t(`订餐：外卖 ${yuan(data.orders.takeoutFen)}，单位用餐（挂账）${yuan(data.orders.unitMealsFen)}，日结入账时一并计入营收`,
          `Orders: takeout ${yuan(data.orders.takeoutFen)}, unit meals (billed) ${yuan(data.orders.unitMealsFen)}; closing the day adds them to revenue`)}
        {data.totals.shortfallFen > 0 && t(`；离线透支 ${yuan(data.totals.shortfallFen)}`, `; offline shortfall ${yuan(data.totals.shortfallFen)}`)}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('按餐次与支付方式', 'By meal and payment method')}>
            {paid.length ? <Chart option={option} height={300} label={t('各餐次营收：个人支付与单位补贴', 'Revenue per meal: diners paid and unit subsidy')} /> : <Empty description={t('当天没有结算', 'No sales this day')} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('按支付方式', 'By payment method')}>
            <Table rowKey="method" size="small" pagination={false} dataSource={data.methods}
              summary={() => data.methods.length > 1 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}><b>{t('合计', 'Total')}</b></Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right"><b>{data.totals.count}</b></Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right"><b>{yuan(data.totals.mealSubsidyFen)}</b></Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right"><b>{yuan(data.totals.fromSubsidyFen)}</b></Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right"><b>{yuan(data.totals.fromCashFen)}</b></Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right"><b>{yuan(data.totals.dueFen)}</b></Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null}
              columns={[
                { title: t('方式', 'Method'), dataIndex: 'method', render: (v: string) => labelOf(METHODS, v) },
                { title: t('笔数', 'Sales'), dataIndex: 'count', align: 'right' },
                { title: t('单位补贴', 'Unit subsidy'), dataIndex: 'mealSubsidyFen', align: 'right', render: yuan },
                { title: t('补贴钱包', 'Subsidy wallet'), dataIndex: 'fromSubsidyFen', align: 'right', render: yuan },
                { title: t('现金钱包', 'Cash wallet'), dataIndex: 'fromCashFen', align: 'right', render: yuan },
                { title: t('营收', 'Revenue'), dataIndex: 'dueFen', align: 'right', render: yuan },
              ]} />
          </Card>
          <Card title={t('服务台充值与退款', 'Counter top-ups and refunds')} style={{ marginTop: 16 }}>
            <Table rowKey={(r) => `${r.kind}|${r.method}`} size="small" pagination={false} dataSource={counter}
              locale={{ emptyText: t('当天没有充值或退款', 'No top-ups or refunds this day') }}
              columns={[
                { title: t('类型', 'Kind'), dataIndex: 'kind', render: (v: string) => labelOf(COUNTER, v) },
                { title: t('方式', 'Method'), dataIndex: 'method', render: (v: string) => labelOf(ENTRY_METHODS, v) },
                { title: t('笔数', 'Count'), dataIndex: 'count', align: 'right' },
                { title: t('金额', 'Amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(Math.abs(v)) },
              ]} />
          </Card>
        </Col>
      </Row>
      <Card title={t('按餐次、方式与状态', 'By meal, method and status')} style={{ marginTop: 16 }}>
        <Table<SettlementRow> rowKey={(r) => `${r.meal}|${r.method}|${r.status}`} size="small" pagination={false} dataSource={data.lines}
          columns={[
            { title: t('餐次', 'Meal'), dataIndex: 'meal', render: mealLabel },
            { title: t('方式', 'Method'), dataIndex: 'method', render: (v: string) => labelOf(METHODS, v) },
            { title: t('状态', 'Status'), dataIndex: 'status', render: (v: string) => (v === 'paid' ? t('已支付', 'Paid') : t('已撤销', 'Voided')) },
            { title: t('笔数', 'Sales'), dataIndex: 'count', align: 'right' },
            { title: t('其中离线', 'Offline'), dataIndex: 'offline', align: 'right' },
            { title: t('菜单金额', 'Menu price'), dataIndex: 'menuFen', align: 'right', render: yuan },
            { title: t('单位补贴', 'Unit subsidy'), dataIndex: 'mealSubsidyFen', align: 'right', render: yuan },
            { title: t('营收', 'Revenue'), dataIndex: 'dueFen', align: 'right', render: yuan },
          ]} />
      </Card>
      {can('checkout.settlement.write') && (
        <div style={{ marginTop: 16, display: 'flex', alignItems: 'center', gap: 16 }}>
          <Popconfirm title={t(`将 ${date} 的结算营收计入成本核算？可重复执行，结果以最后一次为准。`, `Send ${date}'s revenue to costing? Running it again replaces the figures.`)}
            okText={t('日结入账', 'Close the day')} cancelText={t('取消', 'Cancel')} onConfirm={close}>
            <Button type="primary" size="large" icon={<CheckCircleOutlined />} loading={closing}>{t('日结入账', 'Close the day')}</Button>
          </Popconfirm>
          <Typography.Text type="secondary">{t('各菜品营收按菜单价分摊后进入成本分析与报表。', 'Revenue is spread over the dishes by menu value and goes to costing and the reports.')}</Typography.Text>
        </div>
      )}
    </div>
  );
}
