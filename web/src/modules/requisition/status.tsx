import { Tag } from 'antd';
import { t } from '../../i18n.ts';

export const STATUSES = [
  { value: 'draft', zh: '草稿', en: 'Draft', color: 'default' },
  { value: 'submitted', zh: '待审核', en: 'Submitted', color: 'processing' },
  { value: 'approved', zh: '已通过', en: 'Approved', color: 'success' },
  { value: 'rejected', zh: '已退回', en: 'Rejected', color: 'error' },
] as const;

export const statusLabel = (v: string) => {
  const s = STATUSES.find((x) => x.value === v);
  return s ? t(s.zh, s.en) : v;
};

export const statusTag = (v: string) => <Tag color={STATUSES.find((x) => x.value === v)?.color} style={{ fontSize: 14 }}>{statusLabel(v)}</Tag>;

export const rangeText = (from: string, to: string) => (from === to ? from : `${from} ~ ${to}`);
