import { get, post, put } from '../../api.ts';
import type { Label } from '../../shell/labels.tsx';

/** Shapes of server/src/modules/monitoring (SensorView, history, cameras, kitchen events). */
export type SensorStatus = 'ok' | 'holding' | 'alert' | 'no_profile' | 'no_reading' | 'stale';

export interface Sensor {
  deviceId: number;
  code: string;
  name: string;
  canteenId: number;
  canteenName: string | null;
  profile: boolean;
  place: string;
  minC: number | null;
  maxC: number | null;
  maxHumidityPct: number | null;
  holdMinutes: number;
  temperatureC: number | null;
  humidityPct: number | null;
  at: string | null;
  source: 'live' | 'history' | null;
  status: SensorStatus;
}

export interface Place { key: string; zh: string; en: string; minC: number | null; maxC: number | null; critical: boolean }

export interface HistoryPoint { t: string; minC: number; maxC: number; avgC: number; lastC: number; humidityPct: number | null }
export interface SensorHistory {
  deviceId: number;
  name: string;
  code: string;
  place: string;
  range: '24h' | '7d';
  stepSeconds: number;
  minC: number | null;
  maxC: number | null;
  maxHumidityPct: number | null;
  points: HistoryPoint[];
}

export interface ProfileInput { canteenId: number; place: string; minC: number | null; maxC: number | null; maxHumidityPct: number | null; holdMinutes: number }

export interface Camera {
  id: number;
  orgId: number;
  code: string;
  name: string;
  location: string;
  liveUrl: string | null;
  public: boolean;
  active: boolean;
  createdAt: string;
  canteenName: string | null;
}

export interface KitchenEvent {
  id: number;
  orgId: number;
  cameraId: number;
  vendorEventId: string;
  type: string;
  at: string;
  confidence: number;
  receivedAt: string;
  hasSnapshot: boolean;
  status: 'to_review' | 'confirmed' | 'false_alarm';
  reviewedAt: string | null;
  reviewedBy: number | null;
  reviewedByName: string | null;
  note: string;
  alertId: number | null;
  cameraCode: string;
  cameraName: string;
  location: string;
  canteenName: string | null;
}

export interface Weekly { weeks: string[]; rows: { week: string; type: string; confirmed: number; falseAlarm: number; toReview: number }[] }

export const EVENT_TYPES: Label[] = [
  { value: 'no_mask', zh: '未戴口罩', en: 'No mask', color: 'orange' },
  { value: 'no_hat', zh: '未戴厨师帽', en: 'No hat', color: 'orange' },
  { value: 'no_uniform', zh: '未穿工作服', en: 'No uniform', color: 'orange' },
  { value: 'smoking', zh: '抽烟', en: 'Smoking', color: 'volcano' },
  { value: 'phone', zh: '玩手机', en: 'Using a phone', color: 'gold' },
  { value: 'rodent', zh: '老鼠', en: 'Rodent', color: 'red' },
  { value: 'fire_unattended', zh: '动火离人', en: 'Fire left unattended', color: 'red' },
  { value: 'stranger', zh: '陌生人', en: 'Stranger', color: 'purple' },
  { value: 'other', zh: '其他', en: 'Other' },
];

export const EVENT_STATUSES: Label[] = [
  { value: 'to_review', zh: '待复核', en: 'To review', color: 'processing' },
  { value: 'confirmed', zh: '已确认', en: 'Confirmed', color: 'error' },
  { value: 'false_alarm', zh: '误报', en: 'False alarm', color: 'default' },
];

export const listSensors = (canteenId: number) => get<Sensor[]>(`/api/monitoring/sensors?canteenId=${canteenId}`);
export const listPlaces = () => get<Place[]>('/api/monitoring/places');
export const sensorHistory = (id: number, canteenId: number, range: '24h' | '7d') => get<SensorHistory>(`/api/monitoring/sensors/${id}/history?canteenId=${canteenId}&range=${range}`);
export const saveProfile = (id: number, body: ProfileInput) => put<Sensor>(`/api/monitoring/sensors/${id}/profile`, body);

export const listCameras = (canteenId: number) => get<Camera[]>(`/api/monitoring/cameras?canteenId=${canteenId}`);
export const createCamera = (body: { canteenId: number; code: string; name: string; location: string; liveUrl: string | null; public: boolean }) =>
  post<{ camera: Camera; token: string }>('/api/monitoring/cameras', body);
export const updateCamera = (id: number, body: { name: string; location: string; liveUrl: string | null; public: boolean; active: boolean }) => put<Camera>(`/api/monitoring/cameras/${id}`, body);
export const rotateCameraToken = (id: number) => post<{ camera: Camera; token: string }>(`/api/monitoring/cameras/${id}/rotate-token`);

export const listEvents = (q: Record<string, string | number | undefined>) => {
  const qs = Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
  return get<{ total: number; rows: KitchenEvent[] }>(`/api/monitoring/kitchen-events?${qs}`);
};
export const getEvent = (id: number) => get<KitchenEvent>(`/api/monitoring/kitchen-events/${id}`);
export const weeklyCounts = (canteenId: number, weeks = 12) => get<Weekly>(`/api/monitoring/kitchen-events/weekly?canteenId=${canteenId}&weeks=${weeks}`);
export const reviewEvent = (id: number, decision: 'confirmed' | 'false_alarm', note: string) => post<KitchenEvent>(`/api/monitoring/kitchen-events/${id}/review`, { decision, note });
export const snapshotHref = (id: number) => `/api/monitoring/kitchen-events/${id}/snapshot`;

const fmt = (c: number) => `${c}`.replace('-', '−');
/** "0–8 °C", "≤ −18 °C", "≥ 0 °C", or null without limits (as the server words it). */
export function rangeText(minC: number | null, maxC: number | null): string | null {
  if (minC !== null && maxC !== null) return `${fmt(minC)}–${fmt(maxC)} °C`;
  if (maxC !== null) return `≤ ${fmt(maxC)} °C`;
  if (minC !== null) return `≥ ${fmt(minC)} °C`;
  return null;
}
