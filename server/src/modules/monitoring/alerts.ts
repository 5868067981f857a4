import { defineAlertKinds } from '../alert/index.ts';

export const MONITORING_ALERTS = defineAlertKinds([
  // Severity per place: critical for the cold chain (places.ts), a warning elsewhere.
  { key: 'monitoring.temperature_out_of_range', source: 'monitoring', zh: '温度超出范围', en: 'Temperature out of range', severity: 'critical', handlers: ['site_manager', 'head_chef'] },
  { key: 'monitoring.humidity_out_of_range', source: 'monitoring', zh: '湿度超出上限', en: 'Humidity above its limit', severity: 'warning', handlers: ['site_manager', 'head_chef'] },
  // The cold chain unwatched: a sensor that reported and then went quiet (flat battery, out of Wi-Fi, unplugged).
  { key: 'monitoring.sensor_silent', source: 'monitoring', zh: '传感器无读数', en: 'Sensor silent', severity: 'warning', handlers: ['site_manager'] },
  { key: 'monitoring.kitchen_event', source: 'monitoring', zh: '后厨行为违规（已确认）', en: 'Kitchen behaviour event (confirmed)', severity: 'warning', handlers: ['site_manager'] },
] as const);
