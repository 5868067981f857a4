import { Typography } from 'antd';
import { t } from '../i18n.ts';

export function MobileHome() {
  return <Typography.Title level={3} style={{ padding: 16 }}>{t('今日菜谱', "Today's menu")}</Typography.Title>;
}
