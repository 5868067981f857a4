import { defineAlertKinds } from '../alert/index.ts';

export const MONITORING_ALERTS = defineAlertKinds([
  // Severity per place: critical for the cold chain (places.ts), a warning elsewhere.
  { key: 'monitoring.temperature_out_of_range', source: 'monitoring', zh: '温度超出范围', en: 'Temperature out of range', severity: 'critical', handlers: ['site_manager', 'head_chef'] },
  { key: 'monitoring.humidity_out_of_range', source: 'monitoring', zh: '湿度超出上限', en: 'Humidity above its limit', severity: 'warning', handlers: ['site_manager', 'head_chef'] },
  { key: 'monitoring.kitchen_event', source: 'monitoring', zh: '后厨行为违规（已确认）', en: 'Kitchen behaviour event (confirmed)', severity: 'warning', handlers: ['site_manager'] },
] as const);
