import { Button, Layout, Menu, Select, Space, Spin, Typography, type MenuProps } from 'antd';
import { Navigate, Route, Routes as RRoutes, useLocation, useNavigate } from 'react-router-dom';
import { post } from '../api.ts';
import { t, useLang } from '../i18n.ts';
import { KioskPage } from '../modules/checkout/kiosk/KioskPage.tsx';
import { MorningCheckKiosk } from '../modules/worker/kiosk/MorningCheckKiosk.tsx';
import { mobileRoutes } from '../mobile/routes.tsx';
import { useSession } from '../session.tsx';
import { LangSwitch } from './LangSwitch.tsx';
import { Login } from './Login.tsx';
import { navItems } from './nav.tsx';
import { PasswordButton } from './PasswordButton.tsx';

export function Routes() {
  useLang();
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;
  if (!me) return <Login />;
  if (location.pathname === '/m' || location.pathname.startsWith('/m/')) return <RRoutes>{mobileRoutes()}</RRoutes>;
  if (location.pathname === '/kiosk') return <KioskPage />;
  if (location.pathname === '/kiosk/morning-check') return <MorningCheckKiosk />;
  return <Desktop />;
}

function Desktop() {
  const { me, can, canteenId, setCanteenId, refresh } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const items = navItems().filter((n) => !n.permission || can(n.permission));
  // A diner has nothing on the desktop: their place is the phone page.
  if (location.pathname === '/' && items.every((n) => n.path === '/' || n.path === '/m')) return <Navigate to="/m" replace />;
  const groups = new Map<string, typeof items>();
  for (const n of items) groups.set(n.group ?? '', [...(groups.get(n.group ?? '') ?? []), n]);
  const menu: MenuProps['items'] = [...groups.entries()].flatMap(([g, list]): NonNullable<MenuProps['items']> => {
    const entries = list.map((n) => ({ key: n.path, icon: n.icon, label: n.label }));
    return g ? [{ type: 'group' as const, key: g, label: g, children: entries }] : entries;
  });
  const selected = items.map((n) => n.path).filter((p) => p === location.pathname || (p !== '/' && location.pathname.startsWith(p)))
    .sort((a, b) => b.length - a.length)[0] ?? '/';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={230} theme="light" breakpoint="lg" collapsedWidth={0}>
        <Typography.Title level={4} style={{ padding: '16px 20px', margin: 0 }}>{t('智慧后勤', 'Smart Logistics')}</Typography.Title>
        <Menu mode="inline" selectedKeys={[selected]} items={menu} onClick={(e) => navigate(e.key)} style={{ borderInlineEnd: 0, fontSize: 16 }} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 16, paddingInline: 24 }}>
          <Space wrap>
            {me!.canteens.length > 0 && (
              <Select aria-label={t('当前食堂', 'Current canteen')} style={{ minWidth: 200 }} value={canteenId ?? undefined}
                onChange={(v) => setCanteenId(v)} options={me!.canteens.map((c) => ({ value: c.id, label: c.name }))} />
            )}
            <Typography.Text strong>{me!.user.name}</Typography.Text>
            <LangSwitch />
            <PasswordButton />
            <Button onClick={async () => { await post('/api/auth/logout'); await refresh(); navigate('/'); }}>{t('退出', 'Sign out')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <RRoutes>
            {items.map((n) => <Route key={n.path} path={n.path === '/' ? '/' : `${n.path}/*`} element={n.element} />)}
            <Route path="*" element={<Typography.Text>{t('页面不存在', 'Page not found')}</Typography.Text>} />
          </RRoutes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
