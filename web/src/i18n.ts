import { useSyncExternalStore } from 'react';

/** Chinese first; English on request. `t('中文', 'English')` keeps both texts side by side in the page code. */
export type Lang = 'zh' | 'en';
const listeners = new Set<() => void>();
let lang: Lang = localStorage.getItem('lang') === 'en' ? 'en' : 'zh';

export function setLang(next: Lang) {
  lang = next;
  localStorage.setItem('lang', next);
  document.cookie = `lang=${next}; path=/; SameSite=Lax`;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  listeners.forEach((l) => l());
}

export const currentLang = () => lang;
export const t = (zh: string, en: string) => (lang === 'en' ? en : zh);
export const useLang = () =>
  useSyncExternalStore((cb) => {
    listeners.add(cb);
    return () => listeners.delete(cb);
  }, () => lang);

export const MEALS = [
  { value: 'breakfast', zh: '早餐', en: 'Breakfast' },
  { value: 'lunch', zh: '午餐', en: 'Lunch' },
  { value: 'dinner', zh: '晚餐', en: 'Dinner' },
  { value: 'late', zh: '夜宵', en: 'Late' },
] as const;
export const mealLabel = (m: string) => {
  const x = MEALS.find((v) => v.value === m);
  return x ? t(x.zh, x.en) : m;
};
