import { api, get, post, put } from '../../api.ts';

/** Shapes of server/src/modules/sample (day.ts, samples.ts, cabinet.ts). Times are ISO strings. */
export type Meal = 'breakfast' | 'lunch' | 'dinner' | 'late';
export type DishStatus = 'kept' | 'light' | 'early' | 'missing' | 'due';

export interface Sample {
  id: number; canteenId: number; date: string; meal: Meal; dishId: number; dishName: string;
  grams: number; minGrams: number; light: boolean; weighedBy: 'cabinet' | 'typed';
  keptAt: string; keeperId: number | null; keeperName: string | null;
  deviceId: number | null; deviceCode: string | null; slot: number | null; labelCode: string;
  discardAfter: string; removedAt: string | null; discardedAt: string | null; discardedByName: string | null; discardReason: string | null;
  early: boolean; status: 'kept' | 'removed' | 'discarded'; hasPhoto: boolean; note: string; replayed?: boolean;
}
export interface DishRow { dishId: number; dishName: string; dishNameEn: string | null; kind: string; status: DishStatus; sample: Sample | null; samples: Sample[]; offMenu: boolean }
export interface MealRow { meal: Meal; endsAt: string; dueAt: string; dishes: DishRow[] }
export interface Settings { required: boolean; minGrams: number; keepHours: number; graceMinutes: number }
export interface Day {
  canteenId: number; canteenName: string; date: string; settings: Settings; meals: MealRow[];
  summary: { dishes: number; kept: number; light: number; early: number; missing: number; due: number };
}
export interface HistoryDay { date: string; dishes: number; kept: number; light: number; early: number; missing: number; due: number; samples: number }
export interface CabinetEvent { id: number; event: 'placed' | 'removed' | 'door_opened' | 'door_closed'; slot: number | null; grams: number | null; at: string; sampleId: number | null; withdrawn: boolean; labelCode: string | null; dishName: string | null }
export interface Pending { eventId: number; slot: number; grams: number; at: string }
export interface Cabinet {
  id: number; code: string; name: string; active: boolean; lastSeenAt: string | null;
  temperature: { c: number; at: string; inRange: boolean } | null;
  door: { open: boolean; at: string } | null;
  range: { minC: number; maxC: number };
  slots: Sample[]; pending: Pending[]; events: CabinetEvent[]; temperatures: { at: string; c: number }[];
}
export type Due = Sample & { ready: boolean };

export interface NewSample {
  canteenId: number; date?: string; meal: Meal; dishId: number; grams?: number; cabinetEventId?: number;
  deviceId?: number; slot?: number; note?: string; requestKey: string;
}

export const sampleApi = {
  day: (canteenId: number, date?: string) => get<Day>(`/api/samples?canteenId=${canteenId}${date ? `&date=${date}` : ''}`),
  history: (canteenId: number, from?: string, to?: string) => get<{ days: HistoryDay[]; from: string; to: string; since: string }>(`/api/samples/history?canteenId=${canteenId}${from ? `&from=${from}` : ''}${to ? `&to=${to}` : ''}`),
  discards: (canteenId: number) => get<Due[]>(`/api/samples/discards?canteenId=${canteenId}`),
  cabinets: (canteenId: number) => get<{ cabinets: Cabinet[] }>(`/api/samples/cabinets?canteenId=${canteenId}`),
  settings: (canteenId: number) => get<Settings & { defaults: Settings }>(`/api/samples/settings?canteenId=${canteenId}`),
  saveSettings: (canteenId: number, s: Settings) => put<Settings>(`/api/samples/settings?canteenId=${canteenId}`, s),
  record: (body: NewSample) => post<Sample>('/api/samples', body),
  addPhoto: (id: number, file: Blob) => {
    const form = new FormData();
    form.append('file', file, 'sample.jpg');
    return api<Sample>('POST', `/api/samples/${id}/photo`, form);
  },
  discard: (id: number, reason: string) => post<Sample>(`/api/samples/${id}/discard`, { reason }),
};

export const photoUrl = (id: number) => `/api/samples/${id}/photo`;

/** Colours and words of a dish's sample state, the same on the desktop grid and the phone tiles. */
export const STATUS: Record<DishStatus, { zh: string; en: string; color: string; bg: string }> = {
  kept: { zh: '已留样', en: 'Kept', color: '#237804', bg: '#f0f9eb' },
  light: { zh: '重量不足', en: 'Light', color: '#d46b08', bg: '#fff7e6' },
  early: { zh: '提前取出', en: 'Removed early', color: '#9e1068', bg: '#fff0f6' },
  missing: { zh: '未留样', en: 'Missing', color: '#cf1322', bg: '#fff1f0' },
  due: { zh: '待留样', en: 'To keep', color: '#595959', bg: '#fafafa' },
};

/** China time of an ISO instant: 'MM-DD HH:mm', or 'HH:mm' with `short`. */
export const chinaTime = (iso: string | null | undefined, short = false) => {
  if (!iso) return '—';
  const s = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return short ? s.slice(11, 16) : s.slice(5, 16).replace('T', ' ');
};
export const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
