import { BellOutlined } from '@ant-design/icons';
import { Badge, Card, List, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { dateTime } from '../ingredient/shared.tsx';
import { listAlerts, useAlertRefresh, useAlertSummary, type AlertRow } from './api.ts';
import { alertTitle, badgeColor, HandleButtons, HandledBy, SeverityTag } from './parts.tsx';

const SHOWN = 6;

/** Home page: the unresolved alerts of the user's canteens, most urgent first, to act on without leaving. */
export function AlertPanel() {
  const { can } = useSession();
  if (!can('alert.alert.read')) return null;
  return <Panel handler={can('alert.alert.handle')} />;
}

function Panel({ handler }: { handler: boolean }) {
  const [rows, setRows] = useState<AlertRow[] | null>(null);
  const summary = useAlertSummary();
  const load = useCallback(() => {
    listAlerts({ status: 'unresolved' }).then(setRows, () => setRows([]));
  }, []);
  useAlertRefresh(load);
  const total = summary ? summary.open + summary.acknowledged : rows?.length ?? 0;
  return (
    <Card style={{ marginBottom: 16 }} loading={rows === null}
      title={<Space><BellOutlined />{t('预警', 'Alerts')}<Badge count={summary?.open ?? 0} title={t('待确认', 'Open')} color={badgeColor(summary)} /></Space>}
      extra={<Link to="/alerts">{t(`全部 ${total} 条 →`, `All ${total} →`)}</Link>}>
      {rows?.length === 0 ? (
        <Typography.Text type="success">{t('没有未解除的预警', 'No unresolved alerts')}</Typography.Text>
      ) : (
        <List dataSource={(rows ?? []).slice(0, SHOWN)} renderItem={(a) => (
          <List.Item actions={handler ? [<HandleButtons key="h" alert={a} onDone={load} />] : []}>
            <List.Item.Meta avatar={<SeverityTag value={a.severity} />}
              title={<Typography.Text strong>{alertTitle(a)}</Typography.Text>}
              description={<Space wrap size={16}><span>{a.orgName}</span><span>{dateTime(a.raisedAt)}</span><HandledBy alert={a} /></Space>} />
          </List.Item>
        )} />
      )}
    </Card>
  );
}

