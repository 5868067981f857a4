import { Tag } from 'antd';
import type { CSSProperties } from 'react';
import { t } from '../../i18n.ts';
import { labelOf, type Label } from '../../shell/labels.tsx';
import { workerApi, type CertificateStatus, type RosterStatus } from './api.ts';

/** The server's job list (worker/contracts.ts JOB_LABELS), in its order. */
export const JOBS: Label[] = [
  { value: 'head_cook', zh: '厨师长', en: 'Head cook' },
  { value: 'chef', zh: '厨师', en: 'Cook' },
  { value: 'kitchen_helper', zh: '帮厨', en: 'Kitchen helper' },
  { value: 'prep_cook', zh: '切配', en: 'Prep cook' },
  { value: 'pastry_cook', zh: '面点', en: 'Pastry cook' },
  { value: 'dishwasher', zh: '洗消', en: 'Dishwasher' },
  { value: 'cleaner', zh: '保洁', en: 'Cleaner' },
  { value: 'waiter', zh: '服务员', en: 'Server' },
  { value: 'storekeeper', zh: '仓管', en: 'Storekeeper' },
  { value: 'other', zh: '其他', en: 'Other' },
];
export const jobLabel = (v: string | null | undefined) => labelOf(JOBS, v);

/** Codes of the common morning-check form (正常0 发热1 … 其他12). */
export const SYMPTOMS = [
  { code: 0, zh: '正常', en: 'None' }, { code: 1, zh: '发热', en: 'Fever' }, { code: 2, zh: '恶心', en: 'Nausea' },
  { code: 3, zh: '呕吐', en: 'Vomiting' }, { code: 4, zh: '腹泻', en: 'Diarrhoea' }, { code: 5, zh: '腹痛', en: 'Stomach ache' },
  { code: 6, zh: '外伤', en: 'Wound' }, { code: 7, zh: '烫伤', en: 'Burn' }, { code: 8, zh: '湿疹', en: 'Eczema' },
  { code: 9, zh: '黄疸', en: 'Jaundice' }, { code: 10, zh: '咽痛', en: 'Sore throat' }, { code: 11, zh: '咳嗽', en: 'Cough' },
  { code: 12, zh: '其他', en: 'Other' },
] as const;
export const symptomText = (codes: number[]) => (codes.length
  ? codes.map((c) => { const s = SYMPTOMS.find((x) => x.code === c); return s ? t(s.zh, s.en) : String(c); }).join(t('、', ', '))
  : t('无', 'none'));

/** The appearance checks of the kiosk page, each asked as a yes/no question. */
export const APPEARANCE = [
  { key: 'uniformOk', zh: '工作服整洁', en: 'Clean uniform' },
  { key: 'hatOk', zh: '戴好工作帽', en: 'Hat on' },
  { key: 'maskOk', zh: '戴好口罩', en: 'Mask on' },
  { key: 'nailsOk', zh: '指甲短而干净', en: 'Nails short and clean' },
  { key: 'noJewellery', zh: '未戴戒指手表等饰物', en: 'No rings, watch or jewellery' },
] as const;
export type AppearanceKey = (typeof APPEARANCE)[number]['key'];

export const ROSTER_STATUSES = [
  { value: 'fit', zh: '合格', en: 'Fit', color: 'success' },
  { value: 'unfit', zh: '不合格', en: 'Not fit', color: 'error' },
  { value: 'pending', zh: '未检', en: 'Not yet', color: 'default' },
  { value: 'absent', zh: '缺勤', en: 'Absent', color: 'warning' },
] as const;
export const statusLabel = (s: RosterStatus) => labelOf(ROSTER_STATUSES, s);
export const STATUS_COLOR: Record<RosterStatus, string> = { fit: '#389e0d', unfit: '#cf1322', pending: '#8c8c8c', absent: '#d48806' };

export function RosterTag({ status, style }: { status: RosterStatus; style?: CSSProperties }) {
  return <Tag color={ROSTER_STATUSES.find((s) => s.value === status)!.color} style={{ fontSize: 14, ...style }}>{statusLabel(status)}</Tag>;
}

/** 有效 / 还有 N 天到期 / 已过期 N 天 — green, orange, red. */
export function certificateText(c: { status: CertificateStatus; daysLeft: number }) {
  if (c.status === 'expired') return t(`已过期 ${-c.daysLeft} 天`, `Expired ${-c.daysLeft} d ago`);
  if (c.status === 'expiring') return c.daysLeft === 0 ? t('今天到期', 'Expires today') : t(`还有 ${c.daysLeft} 天到期`, `Expires in ${c.daysLeft} d`);
  return t('有效', 'Valid');
}
export const CERT_COLOR: Record<CertificateStatus, string> = { valid: 'success', expiring: 'warning', expired: 'error' };

export function CertificateTag({ certificate, style }: { certificate: { status: CertificateStatus; daysLeft: number }; style?: CSSProperties }) {
  return <Tag color={CERT_COLOR[certificate.status]} style={{ fontSize: 14, ...style }}>{certificateText(certificate)}</Tag>;
}

const AVATAR_COLORS = ['#1f6f5c', '#2f54eb', '#c41d7f', '#d46b08', '#531dab', '#08979c', '#7c8b16'];

/** The worker's photo, or the first character of the name on a colour of its own. */
export function WorkerAvatar({ id, name, photoAt, size = 40, radius = 8 }: { id: number; name: string; photoAt: string | null; size?: number; radius?: number }) {
  const url = workerApi.photoUrl(id, photoAt);
  const box: CSSProperties = { width: size, height: size, borderRadius: radius, flex: 'none', overflow: 'hidden' };
  if (url) return <img src={url} alt={name} style={{ ...box, objectFit: 'cover', display: 'block' }} />;
  return (
    <div aria-hidden style={{ ...box, background: AVATAR_COLORS[id % AVATAR_COLORS.length], color: '#fff', display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: size * 0.45, fontWeight: 600 }}>
      {name.slice(0, 1)}
    </div>
  );
}
