import type { WorkerSettings } from './schema.ts';

/** Defaults of every canteen until its head changes them (domain-facts: these are settings, not constants). */
export const DEFAULT_SETTINGS: WorkerSettings = { certificateWarnDays: 30, feverC: 37.3, cutoff: '09:30' };

const DAY_MS = 86_400_000;
const utc = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export const daysBetween = (from: string, to: string) => Math.round((utc(to) - utc(from)) / DAY_MS);

export const addDays = (isoDate: string, n: number) => new Date(utc(isoDate) + n * DAY_MS).toISOString().slice(0, 10);

/** A year after issue, the same day of the month (29 February → 28 February). */
export function oneYearAfter(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export type CertificateStatus = 'valid' | 'expiring' | 'expired';

/** On day `today` a certificate valid until `validUntil` (inclusive) is valid, runs out within `warnDays`, or has expired. */
export function certificateStatus(validUntil: string, today: string, warnDays: number): { status: CertificateStatus; daysLeft: number } {
  const daysLeft = daysBetween(today, validUntil);
  return { status: daysLeft < 0 ? 'expired' : daysLeft <= warnDays ? 'expiring' : 'valid', daysLeft };
}

/** Why a worker is not fit for duty; the order is the order they are shown in. */
export const REASONS = {
  certificate_expired: { zh: '健康证已过期', en: 'Health certificate expired' },
  fever: { zh: '体温偏高', en: 'Fever' },
  symptoms: { zh: '有症状', en: 'Symptoms' },
  hands: { zh: '手部检查不合格', en: 'Hands not fit' },
  uniform: { zh: '工作服不整洁', en: 'Uniform not clean' },
  hat: { zh: '未戴工作帽', en: 'No hat' },
  mask: { zh: '未戴口罩', en: 'No mask' },
  nails: { zh: '指甲过长', en: 'Nails not short' },
  jewellery: { zh: '佩戴饰物', en: 'Wearing jewellery' },
} as const;
export type Reason = keyof typeof REASONS;

export const SYMPTOM_TEXT: Record<number, { zh: string; en: string }> = {
  1: { zh: '发热', en: 'fever' }, 2: { zh: '恶心', en: 'nausea' }, 3: { zh: '呕吐', en: 'vomiting' }, 4: { zh: '腹泻', en: 'diarrhoea' },
  5: { zh: '腹痛', en: 'stomach ache' }, 6: { zh: '外伤', en: 'wound' }, 7: { zh: '烫伤', en: 'burn' }, 8: { zh: '湿疹', en: 'eczema' },
  9: { zh: '黄疸', en: 'jaundice' }, 10: { zh: '咽痛', en: 'sore throat' }, 11: { zh: '咳嗽', en: 'cough' }, 12: { zh: '其他', en: 'other' },
};

export interface CheckFacts {
  temperatureTenths: number;
  handsOk: boolean;
  /** Normalised: sorted, unique, without 0. */
  symptoms: number[];
  uniformOk: boolean | null;
  hatOk: boolean | null;
  maskOk: boolean | null;
  nailsOk: boolean | null;
  noJewellery: boolean | null;
}

/** [] and [0] mean "normal"; 0 beside a real symptom is dropped. */
export const normaliseSymptoms = (codes: readonly number[]) => [...new Set(codes.filter((c) => c !== 0))].sort((a, b) => a - b);

/** °C to whole tenths (36.64 → 366). */
export const toTenths = (celsius: number) => Math.round(celsius * 10);

/**
 * Fit or not, decided here and only here (the kiosk page and devices get the server's answer). An
 * expired certificate makes a worker unfit whatever the measurements say; an appearance check
 * that was not made (a device) does not count against the worker.
 */
export function outcome(facts: CheckFacts, certificateValidUntil: string, date: string, settings: WorkerSettings): { fit: boolean; reasons: Reason[] } {
  const reasons: Reason[] = [];
  if (certificateValidUntil < date) reasons.push('certificate_expired');
  if (facts.temperatureTenths >= toTenths(settings.feverC)) reasons.push('fever');
  if (facts.symptoms.length) reasons.push('symptoms');
  if (!facts.handsOk) reasons.push('hands');
  if (facts.uniformOk === false) reasons.push('uniform');
  if (facts.hatOk === false) reasons.push('hat');
  if (facts.maskOk === false) reasons.push('mask');
  if (facts.nailsOk === false) reasons.push('nails');
  if (facts.noJewellery === false) reasons.push('jewellery');
  return { fit: reasons.length === 0, reasons };
}

/** "发热 37.8 °C、咳嗽" — the reasons in words, with the temperature and the symptoms named. */
export function reasonText(reasons: readonly string[], facts: { temperatureTenths: number; symptoms: readonly number[] }, lang: 'zh' | 'en'): string {
  return reasons.map((r) => {
    const base = REASONS[r as Reason]?.[lang] ?? r;
    if (r === 'fever') return `${base} ${(facts.temperatureTenths / 10).toFixed(1)} °C`;
    if (r === 'symptoms') {
      const names = facts.symptoms.map((s) => SYMPTOM_TEXT[s]?.[lang] ?? String(s));
      return lang === 'zh' ? `${base}（${names.join('、')}）` : `${base} (${names.join(', ')})`;
    }
    return base;
  }).join(lang === 'zh' ? '；' : '; ');
}
