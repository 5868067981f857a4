import { Tag } from 'antd';
import { t } from '../i18n.ts';

/** A coded value with its Chinese and English words (and a tag colour): statuses, kinds, categories. */
export type Label = { value: string; zh: string; en: string; color?: string };

/** The words for `v` in the current language; an unknown code is shown as it is. */
export const labelOf = (list: readonly Label[], v: string | null | undefined) => {
  const x = list.find((i) => i.value === v);
  return x ? t(x.zh, x.en) : (v ?? '');
};

export const tagOf = (list: readonly Label[], v: string) => <Tag color={list.find((i) => i.value === v)?.color} style={{ fontSize: 14 }}>{labelOf(list, v)}</Tag>;
