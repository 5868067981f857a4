import { CalendarOutlined, HeartOutlined, HomeOutlined, ReadOutlined, UserOutlined } from '@ant-design/icons';
import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { t } from '../../i18n.ts';
import { GREEN } from '../feedback/PhoneShell.tsx';

export const TAB_BAR_HEIGHT = 62;

const tabs = () => [
  { to: '/m', icon: <HomeOutlined />, label: t('首页', 'Home'), match: (p: string) => p === '/m' || p === '/m/' },
  { to: '/m/menu', icon: <ReadOutlined />, label: t('菜谱', 'Menu'), match: (p: string) => p.startsWith('/m/menu') },
  { to: '/m/orders', icon: <CalendarOutlined />, label: t('订餐', 'Orders'), match: (p: string) => p.startsWith('/m/orders') },
  { to: '/m/nutrition', icon: <HeartOutlined />, label: t('营养', 'Nutrition'), match: (p: string) => p.startsWith('/m/nutrition') },
  { to: '/m/me', icon: <UserOutlined />, label: t('我的', 'Me'), match: (p: string) => p === '/m/me' || p.startsWith('/m/me/') },
];

/** The diner's app: five tabs along the bottom, each a full 62 px tall thumb target. */
export function TabBar() {
  const { pathname } = useLocation();
  return (
    <nav aria-label={t('主菜单', 'Main menu')} style={{
      position: 'fixed', bottom: 0, left: 0, right: 0, zIndex: 20, background: '#fff', borderTop: '1px solid #e5e8e7',
      paddingBottom: 'env(safe-area-inset-bottom)', boxShadow: '0 -1px 6px rgba(0,0,0,.05)',
    }}>
      <div style={{ maxWidth: 640, margin: '0 auto', display: 'grid', gridTemplateColumns: 'repeat(5, 1fr)' }}>
        {tabs().map((tab) => {
          const on = tab.match(pathname);
          return (
            <Link key={tab.to} to={tab.to} aria-current={on ? 'page' : undefined}
              style={{ height: TAB_BAR_HEIGHT, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 2, color: on ? GREEN : '#6b7370', fontWeight: on ? 700 : 400, textDecoration: 'none' }}>
              <span aria-hidden style={{ fontSize: 23, lineHeight: 1 }}>{tab.icon}</span>
              <span style={{ fontSize: 13 }}>{tab.label}</span>
            </Link>
          );
        })}
      </div>
    </nav>
  );
}

/** A top-level page of the diner's app: green header, phone-wide column, tab bar below. */
export function TabPage({ title, subtitle, action, children, header }: { title: string; subtitle?: ReactNode; action?: ReactNode; children: ReactNode; header?: ReactNode }) {
  return (
    <ConfigProvider theme={{ token: { fontSize: 16, controlHeight: 48 } }} button={{ autoInsertSpace: false }}>
      <div style={{ minHeight: '100vh', background: '#f4f6f5', maxWidth: 640, margin: '0 auto', paddingBottom: TAB_BAR_HEIGHT + 16 }}>
        <style>{'body { margin: 0; background: #f4f6f5; }'}</style>
        <header style={{ background: GREEN, color: '#fff', padding: '12px 16px 14px' }}>
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, minHeight: 40 }}>
            <h1 style={{ margin: 0, fontSize: 21, fontWeight: 700 }}>{title}</h1>
            {action}
          </div>
          {subtitle && <div style={{ fontSize: 14, opacity: 0.85, marginTop: 2 }}>{subtitle}</div>}
          {header}
        </header>
        <main style={{ padding: '12px 12px 24px' }}>{children}</main>
        <TabBar />
      </div>
    </ConfigProvider>
  );
}
