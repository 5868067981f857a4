import { defineAlertKinds } from '../alert/index.ts';

/** The keeper acts first; the contractor's site manager is told at once (escalation goes on from there). */
const HANDLERS = ['safety_officer', 'site_manager'];

export const SAMPLE_ALERTS = defineAlertKinds([
  { key: 'sample.missing', source: 'sample', zh: '菜品未留样', en: 'Dish without a sample', severity: 'warning', handlers: HANDLERS },
  { key: 'sample.light', source: 'sample', zh: '留样重量不足', en: 'Sample below the minimum weight', severity: 'warning', handlers: HANDLERS },
  { key: 'sample.early_discard', source: 'sample', zh: '留样未满时限被取出或销毁', en: 'Sample removed or discarded before its time', severity: 'critical', handlers: HANDLERS },
  { key: 'sample.cabinet_temperature', source: 'sample', zh: '留样柜温度超出 0–8 °C', en: 'Sample cabinet outside 0–8 °C', severity: 'warning', handlers: HANDLERS },
] as const);

/** One dish of one meal: the key of its missing and light alerts. */
export const dishKey = (date: string, meal: string, dishId: number) => `${date}:${meal}:${dishId}`;
