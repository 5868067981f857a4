import { Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { t } from '../../i18n.ts';

export interface PlanSummary { id: number; date: string; meal: string; status: 'draft' | 'published'; dishes: number; portions: number; revenueFen: number | string }

export const mondayOf = (d: Dayjs) => d.subtract((d.day() + 6) % 7, 'day').startOf('day');

export const statusTag = (status: string | undefined) =>
  status === 'published' ? <Tag color="success">{t('已发布', 'Published')}</Tag>
    : status === 'draft' ? <Tag color="warning">{t('草稿', 'Draft')}</Tag>
      : <Tag>{t('未排菜', 'Not planned')}</Tag>;
