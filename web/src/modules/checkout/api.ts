import { get, post } from '../../api.ts';

/** Shapes of server/src/modules/checkout (board.ts, sale.ts, offline.ts, settlement.ts, stations.ts). */
export type Meal = 'breakfast' | 'lunch' | 'dinner' | 'late';
export type How = 'tap' | 'weigh' | 'recognize';

export interface BoardDish { dishId: number; name: string; nameEn: string | null; kind: string; priceFen: number; portionG: number; hasPhoto: boolean }
export interface Board { canteenId: number; date: string; meal: Meal; dishes: BoardDish[] }

export interface SaleLine { dishId: number; how: How; portions: number; weightG?: number; suggestedDishId?: number; score?: number }
export type Identify = { card: string } | { qr: string } | { faceAccountId: number };

export interface SaleView {
  id: number; canteenId: number; stationId: number | null; accountId: number; businessDate: string; meal: Meal; method: 'card' | 'qr' | 'face';
  menuFen: number; dueFen: number; mealSubsidyFen: number; fromSubsidyFen: number; fromCashFen: number; shortfallFen: number;
  status: 'paid' | 'voided'; offline: boolean; soldAt: string; voidedAt: string | null; voidReason: string | null; undoUntil: string;
  lines: { dishId: number; how: How; portions: number; weightG: number | null; priceFen: number; amountFen: number; name?: string }[];
  balances: { cashFen: number; subsidyFen: number } | null;
}
export interface SoldSale extends SaleView { replayed: boolean; diner: { id: number; name: string } }

export interface RosterEntry { accountId: number; name: string; status: string; cardNo: string | null; cashFen: number; subsidyFen: number; overdraftFen: number; offlineLimitFen: number; categoryId: number }
export interface OfflinePack { canteenId: number; date: string; issuedAt: string; boards: Board[]; roster: RosterEntry[] }

export interface OfflineSaleInput {
  requestKey: string; accountId: number; method: 'card' | 'qr' | 'face'; soldAt: string;
  lines: (SaleLine & { amountFen: number })[];
}
export interface SyncResult {
  recorded: number; duplicates: number; rejected: number;
  results: { requestKey: string; status: 'recorded' | 'duplicate' | 'rejected'; saleId?: number; shortfallFen?: number; code?: string; message?: string }[];
}

export interface Station { id: number; orgId: number; code: string; name: string; scaleCode: string | null; active: boolean }

export interface SettlementRow { method: string; meal: Meal; status: string; count: number; offline: number; menuFen: number; dueFen: number; mealSubsidyFen: number; fromSubsidyFen: number; fromCashFen: number; shortfallFen: number }
export interface Settlement {
  canteenId: number; date: string; lines: SettlementRow[];
  methods: { method: string; count: number; dueFen: number; mealSubsidyFen: number; fromSubsidyFen: number; fromCashFen: number; shortfallFen: number }[];
  totals: { count: number; menuFen: number; dueFen: number; mealSubsidyFen: number; fromSubsidyFen: number; fromCashFen: number; shortfallFen: number };
  voided: { count: number; dueFen: number };
  /** Takeout paid from meal cards and meeting/official meals billed to units, the same day. */
  orders: { takeoutFen: number; unitMealsFen: number };
  counter: { kind: string; method: string; count: number; amountFen: number }[];
  costingRows?: number;
}

/** What the (future) recogniser returns: per tray region, candidate dishes best first. */
export interface Recognition { regions: { empty?: boolean; candidates: { dishId: number; score: number }[] }[] }

export const checkoutApi = {
  board: (canteenId: number) => get<Board>(`/api/checkout/board?canteenId=${canteenId}`),
  sell: (body: { canteenId: number; stationId?: number; requestKey: string; identify: Identify; lines: SaleLine[] }) => post<SoldSale>('/api/checkout/sales', body),
  sales: (q: { canteenId: number; date?: string; stationId?: number; meal?: string; limit?: number }) =>
    get<SaleView[]>(`/api/checkout/sales?${new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]))}`),
  undo: (id: number, reason: string) => post<SaleView>(`/api/checkout/sales/${id}/undo`, { reason }),
  offlinePack: (canteenId: number) => get<OfflinePack>(`/api/checkout/offline-pack?canteenId=${canteenId}`),
  sync: (body: { canteenId: number; stationId?: number; sales: OfflineSaleInput[] }) => post<SyncResult>('/api/checkout/sync', body),
  settlement: (canteenId: number, date: string) => get<Settlement>(`/api/checkout/settlement?canteenId=${canteenId}&date=${date}`),
  closeDay: (canteenId: number, date: string) => post<Settlement>('/api/checkout/settlement/close', { canteenId, date }),
  stations: (canteenId: number) => get<Station[]>(`/api/checkout/stations?canteenId=${canteenId}`),
  addStation: (body: { canteenId: number; code: string; name: string; scaleCode: string | null }) => post<Station>('/api/checkout/stations', body),
  recognize: (canteenId: number, image: string) => post<Recognition>('/api/checkout/recognize', { canteenId, image }),
};

export const dishPhoto = (dishId: number) => `/api/dishes/${dishId}/photo`;

export const METHODS = [
  { value: 'card', zh: '刷卡', en: 'Card' },
  { value: 'qr', zh: '付款码', en: 'Pay code' },
  { value: 'face', zh: '刷脸', en: 'Face' },
] as const;
