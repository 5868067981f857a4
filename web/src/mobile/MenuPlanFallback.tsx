import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Layout, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { t } from '../i18n.ts';
import { MenuPage } from '../modules/menu/MenuPage.tsx';
import { useSession } from '../session.tsx';

/** The menu planner in a plain frame, for when the shell routes /menu to the phone pages (see routes.tsx). */
export function MenuPlanFallback() {
  const { me, can, canteenId, setCanteenId } = useSession();
  const navigate = useNavigate();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#fff', display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 24 }}>
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/')}>{t('首页', 'Home')}</Button>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('智慧后勤', 'Smart Logistics')}</Typography.Title>
        </Space>
        {me && me.canteens.length > 0 && (
          <Select aria-label={t('当前食堂', 'Current canteen')} style={{ minWidth: 200 }} value={canteenId ?? undefined}
            onChange={(v) => setCanteenId(v)} options={me.canteens.map((c) => ({ value: c.id, label: c.name }))} />
        )}
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {can('menu.plan.read') ? <MenuPage /> : <Typography.Text>{t('页面不存在', 'Page not found')}</Typography.Text>}
      </Layout.Content>
    </Layout>
  );
}
