import { api, get, post, put } from '../../api.ts';
import type { Label } from '../../shell/labels.tsx';

/** Shapes of server/src/modules/inspection (views of runs, tasks, the template and waste records). */
export type Block = 'frugality' | 'safety' | 'hygiene';
export type Role = 'area_warden' | 'hall_manager';

export const BLOCKS: (Label & { value: Block })[] = [
  { value: 'frugality', zh: '厉行节约', en: 'Frugality', color: 'green' },
  { value: 'safety', zh: '安全', en: 'Safety', color: 'volcano' },
  { value: 'hygiene', zh: '环境卫生', en: 'Hygiene', color: 'blue' },
];
export const ROLES: (Label & { value: Role })[] = [
  { value: 'area_warden', zh: '网格区域责任人', en: 'Area warden' },
  { value: 'hall_manager', zh: '餐厅经理', en: 'Hall manager' },
];
export const AREAS = ['后厨', '餐厅', '仓库', '洗消间', '留样间', '泔水间'];
export const WASTE_MEALS: Label[] = [
  { value: 'breakfast', zh: '早餐', en: 'Breakfast' },
  { value: 'lunch', zh: '午餐', en: 'Lunch' },
  { value: 'dinner', zh: '晚餐', en: 'Dinner' },
  { value: 'late', zh: '夜宵', en: 'Late' },
];

export interface Task {
  id: number;
  runId: number;
  canteenId: number;
  date: string;
  position: number;
  block: Block;
  title: string;
  area: string;
  role: Role;
  personId: number | null;
  personName: string | null;
  deadline: string;
  deadlineAt: string;
  requiresPhoto: boolean;
  status: 'open' | 'done' | 'waived';
  result: 'ok' | 'problem' | null;
  note: string | null;
  doneAt: string | null;
  doneByName: string | null;
  overdue: boolean;
  late: boolean;
  photoIds: number[];
  mine: boolean;
}

export interface Summary { tasks: number; done: number; waived: number; overdue: number }

export interface Run {
  id: number;
  canteenId: number;
  date: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  closedByName: string | null;
  closeNote: string | null;
  summary: Summary;
}

export interface Checklist { date: string; run: Run | null; tasks: Task[] }

export interface MyDay { canteenId: number; canteenName: string; date: string; runId: number; runStatus: string; canteen: Summary; mine: Summary; tasks: Task[] }

export interface HistoryDay { id: number; date: string; status: string; closedAt: string | null; closeNote: string | null; tasks: number; done: number; waived: number; late: number; overdue: number; problems: number }

export interface Item { id?: number; block: Block; title: string; area: string; role: Role; personId?: number | null; personName?: string | null; deadline: string; requiresPhoto: boolean }
export interface Template { id: number; canteenId: number; name: string; updatedAt: string; updatedByName: string | null; items: Item[]; people: Record<Role, { id: number; name: string }[]> }

export interface WasteRecord {
  id: number;
  date: string;
  meal: string;
  grams: number;
  source: 'typed' | 'scale';
  collector: string;
  licenceNo: string | null;
  note: string | null;
  recordedAt: string;
  recordedByName: string | null;
  voided: boolean;
  voidReason: string | null;
  voidedByName: string | null;
  photoIds: number[];
}
export interface Trend { from: string; to: string; totalGrams: number; gramsPerDiner: number | null; days: { date: string; grams: number; diners: number; gramsPerDiner: number | null }[] }

export const inspectionApi = {
  checklist: (canteenId: number, date?: string) => get<Checklist>(`/api/inspections/checklist?canteenId=${canteenId}${date ? `&date=${date}` : ''}`),
  history: (canteenId: number) => get<{ from: string; to: string; days: HistoryDay[] }>(`/api/inspections/history?canteenId=${canteenId}`),
  overdue: (canteenId: number) => get<Task[]>(`/api/inspections/overdue?canteenId=${canteenId}`),
  template: (canteenId: number) => get<Template>(`/api/inspections/template?canteenId=${canteenId}`),
  saveTemplate: (body: { canteenId: number; name: string; items: Item[] }) => put<Template>('/api/inspections/template', body),
  closeRun: (runId: number, note: string) => post<Checklist>(`/api/inspections/runs/${runId}/close`, { note }),
  myTasks: () => get<MyDay[]>('/api/inspections/my-tasks'),
  addPhoto: (taskId: number, file: Blob) => {
    const form = new FormData();
    form.append('file', file, 'photo.jpg');
    return api<{ photoId: number; task: Task }>('POST', `/api/inspections/tasks/${taskId}/photos`, form);
  },
  removePhoto: (taskId: number, photoId: number) => api<Task>('DELETE', `/api/inspections/tasks/${taskId}/photos/${photoId}`),
  done: (taskId: number, body: { result: 'ok' | 'problem'; note?: string }) => post<Task>(`/api/inspections/tasks/${taskId}/done`, body),
  waste: (canteenId: number) => get<{ records: WasteRecord[] }>(`/api/waste?canteenId=${canteenId}`),
  trend: (canteenId: number, days: 30 | 90) => get<Trend>(`/api/waste/trend?canteenId=${canteenId}&days=${days}`),
  recordWaste: (fields: Record<string, string | number | undefined>, file: Blob) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== '') form.append(k, String(v));
    form.append('file', file, 'waste.jpg');
    return api<WasteRecord>('POST', '/api/waste', form);
  },
  voidWaste: (id: number, reason: string) => post<WasteRecord>(`/api/waste/${id}/void`, { reason }),
};

/** Business times are China time (UTC+8) whatever the browser's zone; the sample module's helpers say it once. */
export { chinaTime, todayInChina } from '../sample/api.ts';

export const taskPhotoUrl = (id: number) => `/api/inspections/photos/${id}`;
export const wastePhotoUrl = (id: number) => `/api/waste/photos/${id}`;

/** What a task's state is called and coloured, the same on the desktop and the phone. */
export function taskState(x: Task): { zh: string; en: string; color: string } {
  if (x.status === 'done') return x.late ? { zh: '已完成（超时）', en: 'Done (late)', color: 'gold' } : { zh: '已完成', en: 'Done', color: 'green' };
  if (x.status === 'waived') return { zh: '未完成（已关闭）', en: 'Not done (closed)', color: 'default' };
  return x.overdue ? { zh: '逾期未完成', en: 'Overdue', color: 'red' } : { zh: '待完成', en: 'To do', color: 'processing' };
}
