import { CalendarOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import { Navigate, Route, Routes, useSearchParams } from 'react-router-dom';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { MobileHome } from '../MobileHome.tsx';
import { DinerHome } from './DinerHome.tsx';
import { HistoryPage } from './History.tsx';
import { MePage } from './Me.tsx';
import { NutritionPage } from './Nutrition.tsx';
import { PayCodePage } from './PayCode.tsx';
import { TabPage } from './TabBar.tsx';
import { LocalPayPage, TopUpPage } from './TopUp.tsx';

/**
 * /m/* — the diner's phone app: home with the balance, the week's menu, nutrition, and "me" with
 * the account's actions. Someone without a meal account (staff looking at the menu) gets the menu.
 * A shared menu link (/m?date=…) still opens the menu of that day.
 */
export function DinerApp() {
  useLang();
  const { can } = useSession();
  const [params] = useSearchParams();
  if (!can('account.self.use')) return <MobileHome />;
  return (
    <Routes>
      <Route index element={params.get('date') ? <MobileHome /> : <DinerHome />} />
      <Route path="menu" element={<MobileHome />} />
      <Route path="pay-code" element={<PayCodePage />} />
      <Route path="top-up" element={<TopUpPage />} />
      <Route path="pay/:paymentId" element={<LocalPayPage />} />
      <Route path="history" element={<HistoryPage />} />
      <Route path="nutrition" element={<NutritionPage />} />
      <Route path="me" element={<MePage />} />
      {/* Ordering registers its own /m/orders page; until then the tab says so. */}
      <Route path="orders/*" element={<TabPage title={t('订餐', 'Orders')}><Result icon={<CalendarOutlined />} title={t('订餐即将开放', 'Ordering opens soon')} /></TabPage>} />
      <Route path="*" element={<Navigate to="/m" replace />} />
    </Routes>
  );
}
