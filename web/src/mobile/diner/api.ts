import { t } from '../../i18n.ts';

/** GET /api/accounts/me */
export interface MyAccount {
  id: number; name: string; unitName: string; category: { code: string; nameZh: string; nameEn: string };
  status: 'active' | 'frozen' | 'closed'; statusReason?: string; cashFen: number; subsidyFen: number; balanceFen: number; overdraftFen: number; cardNo: string | null;
}

/** GET /api/accounts/me/history: one ledger entry and what it did to the diner's two wallets. */
export interface HistoryRow {
  id: number; kind: string; method: string; at: string; businessDate: string; placeName: string;
  amountFen: number; cashFen: number; subsidyFen: number; ref: string | null; memo: string; offline: boolean; reversesId: number | null;
}

/** GET /api/checkout/my-sales */
export interface MySale {
  id: number; entryId: number; canteenName: string; businessDate: string; meal: string; method: string; soldAt: string; status: 'paid' | 'voided';
  menuFen: number; dueFen: number; mealSubsidyFen: number;
  lines: { dishId: number; name: string; nameEn: string; how: 'tap' | 'weigh' | 'recognize'; portions: number; weightG: number | null; amountFen: number }[];
}

export interface Nutrients { energyKcal: number; proteinG: number; fatG: number; carbohydrateG: number; fibreG: number; sodiumMg: number }
export type Level = 'low' | 'ok' | 'high';
export interface Judged {
  sharePct: number;
  target: { energyKcal: number; proteinG: number; fatG: [number, number]; carbohydrateG: [number, number]; sodiumMg: number };
  energyPct: { fat: number; carbohydrate: number };
  status: { energy: Level; protein: Level; fat: Level; carbohydrate: Level; sodium: Level } | null;
}
export interface MealNutrition extends Judged { meal: string; eaten: Nutrients; dishes: string[]; uncounted: string[] }
export interface DayNutrition extends Judged { date: string; meals: MealNutrition[]; total: Nutrients }
/** GET /api/checkout/my-nutrition */
export interface MyNutrition {
  from: string; to: string; sex: Sex;
  intake: { day: { energyKcal: number; proteinG: number }; fatEnergyPct: [number, number]; carbohydrateEnergyPct: [number, number]; sodiumMg: number; mealSharePct: Record<string, number>; tolerancePct: number };
  days: DayNutrition[];
  summary: { meal: string; days: number; met: { energy: number; protein: number; fat: number; carbohydrate: number; sodium: number } }[];
}

export type Sex = 'male' | 'female';
/** The diner's choice of intake targets, kept on the phone only. */
export const storedSex = (): Sex => (localStorage.getItem('m.sex') === 'female' ? 'female' : 'male');
export const storeSex = (s: Sex) => localStorage.setItem('m.sex', s);

export const ENTRY_KIND: Record<string, [string, string]> = {
  payment: ['消费', 'Meal'], top_up: ['充值', 'Top-up'], refund: ['退款', 'Refund'], subsidy: ['补贴', 'Subsidy'],
  subsidy_expiry: ['补贴清零', 'Subsidy expired'], reversal: ['撤销', 'Reversed'], unit_bill: ['单位结算', 'Unit bill'],
};
export const ENTRY_METHOD: Record<string, [string, string]> = {
  card: ['刷卡', 'card'], qr: ['付款码', 'pay code'], face: ['刷脸', 'face'], cash: ['现金', 'cash'], online: ['在线支付', 'online'],
  batch: ['按月发放', 'monthly'], order: ['订餐', 'order'], unit: ['单位', 'unit'],
};
export const label = (map: Record<string, [string, string]>, key: string) => (map[key] ? t(map[key][0], map[key][1]) : key);

export const ACCOUNT_STATUS: Record<string, [string, string]> = { active: ['正常', 'Active'], frozen: ['已冻结', 'Frozen'], closed: ['已注销', 'Closed'] };

/** A fresh request key: a retried tap is recorded once on the server. */
export const requestKey = (prefix: string) => `${prefix}-${crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`}`;
