import { z } from 'zod';
import { JOBS } from './schema.ts';

const id = z.number().int().positive();
const qid = z.coerce.number().int().positive();
const isoDate = z.iso.date();
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 HH:MM / time as HH:MM');

/** Job labels, Chinese first (the kiosk and pages show them). */
export const JOB_LABELS: Record<(typeof JOBS)[number], { zh: string; en: string }> = {
  head_cook: { zh: '厨师长', en: 'Head cook' },
  chef: { zh: '厨师', en: 'Cook' },
  kitchen_helper: { zh: '帮厨', en: 'Kitchen helper' },
  prep_cook: { zh: '切配', en: 'Prep cook' },
  pastry_cook: { zh: '面点', en: 'Pastry cook' },
  dishwasher: { zh: '洗消', en: 'Dishwasher' },
  cleaner: { zh: '保洁', en: 'Cleaner' },
  waiter: { zh: '服务员', en: 'Server' },
  storekeeper: { zh: '仓管', en: 'Storekeeper' },
  other: { zh: '其他', en: 'Other' },
};

const badge = z.string().trim().min(1, '请填写工牌号 / enter the badge').max(40)
  .regex(/^[A-Za-z0-9_-]+$/, '工牌号只能包含字母、数字、- 和 _ / badge: letters, digits, - and _ only');

export const CertificateInput = z.object({
  no: z.string().trim().min(1, '请填写健康证编号 / enter the certificate number').max(40),
  issuedOn: isoDate,
  /** Defaults to one year after issue. */
  validUntil: isoDate.optional(),
}).refine((c) => !c.validUntil || c.validUntil > c.issuedOn, { message: '有效期须晚于发证日期 / valid until must be after the issue date', path: ['validUntil'] });

const fields = {
  name: z.string().trim().min(1, '请填写姓名 / enter the name').max(40),
  employer: z.string().trim().max(80).default(''),
  job: z.enum(JOBS),
  badge,
  phone: z.string().trim().max(30).regex(/^[0-9+\- ]*$/, '电话只能包含数字、+、- / phone: digits, + and - only').default(''),
};

export const WorkerCreate = z.object({ canteenId: id, ...fields, certificate: CertificateInput });
export const WorkerUpdate = z.object({ ...fields, active: z.boolean() });

export const WorkerQuery = z.object({
  canteenId: qid.optional(),
  q: z.string().trim().max(40).optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
});

export const symptomCodes = z.array(z.number().int().min(0).max(12)).max(13).default([]);

/** A check entered on the kiosk page: the person signed in is the checker. */
export const CheckInput = z.object({
  workerId: id,
  temperatureC: z.number().min(34, '体温须在 34–42 °C 之间 / temperature between 34 and 42 °C').max(42, '体温须在 34–42 °C 之间 / temperature between 34 and 42 °C'),
  handsOk: z.boolean(),
  symptoms: symptomCodes,
  uniformOk: z.boolean(),
  hatOk: z.boolean(),
  maskOk: z.boolean(),
  nailsOk: z.boolean(),
  noJewellery: z.boolean(),
  /** Replace today's check (site manager or canteen head). */
  recheck: z.boolean().default(false),
  note: z.string().trim().max(200).default(''),
});

export const RosterQuery = z.object({ canteenId: qid, date: isoDate.optional() });

export const CheckQuery = z.object({
  canteenId: qid,
  from: isoDate,
  to: isoDate,
  workerId: qid.optional(),
  fit: z.enum(['true', 'false']).optional(),
}).refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期 / from must not be after to', path: ['from'] });

export const SettingsQuery = z.object({ canteenId: qid });
export const SettingsInput = z.object({
  canteenId: id,
  certificateWarnDays: z.number().int().min(1).max(180),
  feverC: z.number().min(37).max(38.5),
  cutoff: hhmm,
});
