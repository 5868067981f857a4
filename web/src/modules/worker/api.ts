import { api, get, post, put } from '../../api.ts';

/** Shapes of server/src/modules/worker (registry.ts workerViews, checks.ts checkViews and roster). */
export type CertificateStatus = 'valid' | 'expiring' | 'expired';

export interface Worker {
  id: number;
  orgId: number;
  canteenName: string | null;
  name: string;
  employer: string;
  job: string;
  jobZh: string;
  jobEn: string;
  badge: string;
  phone: string;
  active: boolean;
  /** When the photo was uploaded (also busts the browser's cache), or null. */
  photoAt: string | null;
  certificate: { no: string; issuedOn: string; validUntil: string; status: CertificateStatus; daysLeft: number };
  createdAt: string;
  updatedAt: string;
}

export interface WorkerDetail extends Worker {
  certificates: { id: number; no: string; issuedOn: string; validUntil: string; recordedAt: string; recordedByName: string | null }[];
}

export interface Check {
  id: number;
  workerId: number;
  workerName: string;
  job: string | null;
  badge: string;
  date: string;
  checkedAt: string;
  temperatureC: number;
  handsOk: boolean;
  symptoms: number[];
  uniformOk: boolean | null;
  hatOk: boolean | null;
  maskOk: boolean | null;
  nailsOk: boolean | null;
  noJewellery: boolean | null;
  fit: boolean;
  reasons: string[];
  reasonText: { zh: string; en: string };
  source: 'kiosk_page' | 'device';
  deviceCode: string | null;
  checkedByName: string | null;
  rechecks: number;
  note: string;
}

export type RosterStatus = 'fit' | 'unfit' | 'pending' | 'absent';

export interface RosterEntry {
  workerId: number;
  name: string;
  job: string;
  jobZh: string;
  jobEn: string;
  employer: string;
  badge: string;
  photoAt: string | null;
  certificate: { validUntil: string; status: CertificateStatus; daysLeft: number };
  status: RosterStatus;
  check: Check | null;
}

export interface Roster {
  canteenId: number;
  canteenName: string;
  date: string;
  cutoff: string;
  cutoffPassed: boolean;
  feverC: number;
  counts: { workers: number; fit: number; unfit: number; pending: number; absent: number };
  workers: RosterEntry[];
  absent: { workerId: number; name: string; job: string }[];
}

export interface Settings { canteenId: number; certificateWarnDays: number; feverC: number; cutoff: string }

export interface WorkerInput { name: string; employer: string; job: string; badge: string; phone: string }
export interface CertificateInput { no: string; issuedOn: string; validUntil?: string }
export interface CheckInput {
  workerId: number;
  temperatureC: number;
  handsOk: boolean;
  symptoms: number[];
  uniformOk: boolean;
  hatOk: boolean;
  maskOk: boolean;
  nailsOk: boolean;
  noJewellery: boolean;
  recheck?: boolean;
  note?: string;
}

const qs = (q: Record<string, string | number | undefined>) => new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString();

export const workerApi = {
  list: (q: { canteenId?: number; q?: string; active?: 'true' | 'false' | 'all' }) => get<Worker[]>(`/api/workers?${qs(q)}`),
  get: (id: number) => get<WorkerDetail>(`/api/workers/${id}`),
  create: (body: WorkerInput & { canteenId: number; certificate: CertificateInput }) => post<WorkerDetail>('/api/workers', body),
  update: (id: number, body: WorkerInput & { active: boolean }) => put<WorkerDetail>(`/api/workers/${id}`, body),
  renew: (id: number, body: CertificateInput) => post<WorkerDetail>(`/api/workers/${id}/certificate`, body),
  uploadPhoto: (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<WorkerDetail>('PUT', `/api/workers/${id}/photo`, form);
  },
  photoUrl: (id: number, at: string | null) => (at ? `/api/workers/${id}/photo?v=${encodeURIComponent(at)}` : null),
  roster: (canteenId: number, date?: string) => get<Roster>(`/api/workers/roster?${qs({ canteenId, date })}`),
  checks: (q: { canteenId: number; from: string; to: string; workerId?: number; fit?: 'true' | 'false' }) => get<Check[]>(`/api/workers/checks?${qs(q)}`),
  check: (body: CheckInput) => post<Check>('/api/workers/checks', body),
  settings: (canteenId: number) => get<Settings>(`/api/workers/settings?canteenId=${canteenId}`),
  setSettings: (body: Settings) => put<Settings>('/api/workers/settings', body),
};
