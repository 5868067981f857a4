import { labelOf, tagOf } from '../../shell/labels.tsx';

export const STATUSES = [
  { value: 'draft', zh: '草稿', en: 'Draft', color: 'default' },
  { value: 'submitted', zh: '待审核', en: 'Submitted', color: 'processing' },
  { value: 'approved', zh: '已通过', en: 'Approved', color: 'success' },
  { value: 'rejected', zh: '已退回', en: 'Rejected', color: 'error' },
] as const;

export const statusLabel = (v: string) => labelOf(STATUSES, v);

export const statusTag = (v: string) => tagOf(STATUSES, v);

export const rangeText = (from: string, to: string) => (from === to ? from : `${from} ~ ${to}`);
