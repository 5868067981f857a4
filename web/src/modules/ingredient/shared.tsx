import { App, ConfigProvider, DatePicker, type DatePickerProps, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../api.ts';
import { t } from '../../i18n.ts';
import { labelOf } from '../../shell/labels.tsx';

/**
 * Helpers shared by the canteen planning pages (ingredients, dishes, menu plans, requisitions,
 * suppliers): labels for the codes the server uses, weights and dates as people read them.
 */

export const CATEGORIES = [
  { value: 'vegetable', zh: '蔬菜', en: 'Vegetables' },
  { value: 'meat', zh: '肉类', en: 'Meat' },
  { value: 'poultry', zh: '禽类', en: 'Poultry' },
  { value: 'egg', zh: '蛋类', en: 'Eggs' },
  { value: 'aquatic', zh: '水产', en: 'Fish & seafood' },
  { value: 'grain', zh: '粮食', en: 'Grain' },
  { value: 'oil', zh: '油脂', en: 'Oils' },
  { value: 'soy', zh: '豆制品', en: 'Soy products' },
  { value: 'seasoning', zh: '调味品', en: 'Seasoning' },
  { value: 'dried', zh: '干货', en: 'Dried goods' },
  { value: 'fungus', zh: '菌菇', en: 'Mushrooms' },
  { value: 'fruit', zh: '水果', en: 'Fruit' },
  { value: 'dairy', zh: '乳制品', en: 'Dairy' },
] as const;

/** Purchase units; `grams` is fixed for weight units, set per ingredient otherwise (a 箱 of eggs ≠ a 箱 of oil). */
export const UNITS = [
  { value: 'kg', zh: '千克', en: 'kg', grams: 1000 },
  { value: 'jin', zh: '斤', en: 'jin', grams: 500 },
  { value: 'g', zh: '克', en: 'g', grams: 1 },
  { value: 'ge', zh: '个', en: 'piece', grams: null },
  { value: 'xiang', zh: '箱', en: 'box', grams: null },
  { value: 'dai', zh: '袋', en: 'bag', grams: null },
  { value: 'ping', zh: '瓶', en: 'bottle', grams: null },
  { value: 'tong', zh: '桶', en: 'drum', grams: null },
  { value: 'he', zh: '盒', en: 'carton', grams: null },
  { value: 'ba', zh: '把', en: 'bunch', grams: null },
] as const;

export const categoryLabel = (v: string | null | undefined) => labelOf(CATEGORIES, v);
export const unitLabel = (v: string | null | undefined) => labelOf(UNITS, v);
export const fixedGrams = (unit: string | undefined) => UNITS.find((u) => u.value === unit)?.grams ?? null;
export const categoryOptions = () => CATEGORIES.map((c) => ({ value: c.value, label: t(c.zh, c.en) }));
export const unitOptions = () => UNITS.map((u) => ({ value: u.value, label: t(u.zh, u.en) }));

/** Grams → "12.5 千克" (whole grams below 1 kg). */
export function kgText(g: number | null | undefined): string {
  if (g == null) return '—';
  if (Math.abs(g) < 1000) return `${g} ${t('克', 'g')}`;
  return `${Number((g / 1000).toFixed(2))} ${t('千克', 'kg')}`;
}

/** A quantity in purchase units: "3 箱". */
export const qtyText = (qty: number | null | undefined, unit: string) => (qty == null ? '—' : `${qty} ${unitLabel(unit)}`);

/** "1 箱 = 10 千克"; nothing for weight units where it is obvious. */
export function unitSizeText(unit: string, gramsPerUnit: number): string {
  if (fixedGrams(unit) !== null && unit !== 'jin') return '';
  return `1 ${unitLabel(unit)} = ${kgText(gramsPerUnit)}`;
}

/** The server's rule for codes of ingredients, dishes and suppliers. */
export const codeRule = () => ({ pattern: /^[A-Za-z0-9_.-]+$/, message: t('编码只能包含字母、数字、-、_ 和 .', 'Letters, digits, -, _ and . only') });

export const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Puts the server's field errors ({details.issues:[{path,message}]}) next to the form fields. Returns true when any matched. */
export function showFieldErrors(form: FormInstance, e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  const issues = (e.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return false;
  const names = new Set(Object.keys(form.getFieldsValue(true)));
  const fields = issues.filter((i) => names.has(String(i.path).split('.')[0]!))
    .map((i) => ({ name: String(i.path).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [i.message] }));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}

export const isoDay = (offset = 0) => dayjs().add(offset, 'day').format('YYYY-MM-DD');
export const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
export const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const weekday = (iso: string) => t(WEEKDAYS_ZH[dayjs(iso).day()]!, WEEKDAYS_EN[dayjs(iso).day()]!);
/** "1月5日 周一" */
export const dayText = (iso: string) => t(`${dayjs(iso).format('M月D日')} ${weekday(iso)}`, `${weekday(iso)} ${dayjs(iso).format('D MMM')}`);
export const dateTime = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/**
 * Button texts exactly as written ("保存", not antd's "保 存") so people and tests find them by
 * their words.
 */
export function Plain({ children }: { children: ReactNode }) {
  return <ConfigProvider button={{ autoInsertSpace: false }}>{children}</ConfigProvider>;
}

/**
 * A date picker whose calendar also closes on Enter when the typed date is unchanged, so the
 * calendar never stays open over the buttons below it.
 */
export function DateInput(props: DatePickerProps) {
  const [open, setOpen] = useState(false);
  return (
    <DatePicker {...props} open={open} onOpenChange={(o) => { setOpen(o); props.onOpenChange?.(o); }}
      onKeyDown={(e, prevent) => { if (e.key === 'Enter' || e.key === 'Escape') setOpen(false); props.onKeyDown?.(e, prevent); }} />
  );
}

/** Saving an edit dialog: busy flag, server errors shown on their fields and above the form, "saved" message. */
export function useDialogSave(form: FormInstance, onSaved: () => void) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (request: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await request();
      message.success(t('已保存', 'Saved'));
      onSaved();
    } catch (e) {
      showFieldErrors(form, e);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}
