import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { t } from '../i18n.ts';
import { AlertPanel } from '../modules/alert/AlertPanel.tsx';
import { SafetyDayPanel } from '../modules/safety/SafetyDay.tsx';
import { useSession } from '../session.tsx';
import { navItems } from './nav.tsx';

/** The first screen says what the user can do next, as big buttons, not a dashboard to decode. */
export function Home() {
  const { me, can, canteenId } = useSession();
  const items = navItems().filter((n) => !n.permission || can(n.permission)).filter((n) => n.path !== '/');
  return (
    <div>
      <Typography.Title level={3}>{t(`您好，${me?.user.name}`, `Hello, ${me?.user.name}`)}</Typography.Title>
      <AlertPanel />
      {can('safety.day.read') && canteenId && (
        <Card title={<Link to="/safety">{t('今日食品安全', 'Food safety today')}</Link>} style={{ marginBottom: 16 }}>
          <SafetyDayPanel canteenId={canteenId} />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        {items.map((n) => (
          <Col key={n.path} xs={24} sm={12} lg={8}>
            <Link to={n.path}>
              <Card hoverable style={{ minHeight: 110 }}>
                <Typography.Title level={4} style={{ marginTop: 0 }}>{n.icon} {n.label}</Typography.Title>
                <Typography.Text type="secondary">{n.hint}</Typography.Text>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}
