import { DesktopOutlined } from '@ant-design/icons';
import { Button, DatePicker, Empty, Space, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { SalesTab } from './SalesTab.tsx';
import { SettlementTab } from './SettlementTab.tsx';
import { StationsTab } from './StationsTab.tsx';

const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** /checkout — the canteen's checkout desk: the day's sales, the daily settlement, the stations. */
export function CheckoutDeskPage() {
  useLang();
  const { canteenId, can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'sales';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : todayInChina();
  const set = (k: string, v: string) => setParams((p) => { const n = new URLSearchParams(p); n.set(k, v); return n; }, { replace: true });
  if (!canteenId) return <Empty description={t('请先选择食堂', 'Choose a canteen first')} />;
  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap', marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('结算管理', 'Checkout')}</Typography.Title>
        <Space style={{ marginLeft: 'auto' }} wrap>
          <DatePicker size="large" allowClear={false} aria-label={t('日期', 'Date')} value={dayjs(date)} onChange={(d) => d && set('date', d.format('YYYY-MM-DD'))}
            disabledDate={(d) => d.isAfter(dayjs(todayInChina()), 'day')} />
          {can('checkout.sale.write') && <Button size="large" icon={<DesktopOutlined />} href="/kiosk" target="_blank">{t('打开结算台', 'Open the station screen')}</Button>}
        </Space>
      </div>
      <Tabs activeKey={tab} onChange={(k) => set('tab', k)} size="large" destroyOnHidden items={[
        { key: 'sales', label: t('结算流水', 'Sales'), children: <SalesTab canteenId={canteenId} date={date} /> },
        { key: 'settlement', label: t('日结', 'Daily settlement'), children: <SettlementTab canteenId={canteenId} date={date} /> },
        { key: 'stations', label: t('结算台', 'Stations'), children: <StationsTab canteenId={canteenId} /> },
      ]} />
    </div>
  );
}
