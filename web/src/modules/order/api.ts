import { get, post, put } from '../../api.ts';
import type { Label } from '../../shell/labels.tsx';

export type Meal = 'breakfast' | 'lunch' | 'dinner' | 'late';
export type OrderKind = 'takeout' | 'meeting' | 'official';
export type OrderStatus = 'requested' | 'approved' | 'rejected' | 'paid' | 'ready' | 'picked_up' | 'served' | 'no_show' | 'cancelled';

export interface OrderLine { dishId: number; name: string; portions: number; priceFen: number; amountFen: number }
export interface Order {
  id: number; no: string; kind: OrderKind; status: OrderStatus; canteenId: number; canteenName: string; date: string; meal: Meal; pickupTime: string | null;
  personId: number; personName: string; unitId: number; unitName: string; headcount: number; standardFen: number; purpose: string; contact: string; phone: string; note: string;
  menuFen: number; dueFen: number; lines: OrderLine[]; canteenApproved: { by: string; at: string } | null; unitApproved: { by: string; at: string } | null; rejectReason: string;
  locker: { id: number; code: string; name: string; cell: number | null } | null; pickupCode: string | null; codeExpiresAt: string | null; refunded: boolean;
  readyAt: string | null; pickedUpAt: string | null; servedAt: string | null; noShowAt: string | null; cancelledAt: string | null; closesAt: string; createdAt: string;
  mayApprove?: boolean;
}
export interface OfferDish { dishId: number; name: string; nameEn: string | null; kind: string; priceFen: number; portionG: number; hasPhoto: boolean; limit: number; ordered: number; left: number }
export interface Offers { canteenId: number; date: string; meal: Meal; closesAt: string; open: boolean; published: boolean; dishes: OfferDish[] }
export interface Cutoff { daysBefore: number; time: string }
export interface Rules { canteenId: number; takeoutCutoffs: Record<Meal, Cutoff>; meetingCutoff: Cutoff; pickupHours: number; noShowRule: 'forfeit' | 'refund'; noShowLimit: number; blockDays: number }
export interface Production {
  canteenId: number; canteenName: string; date: string; meal: Meal;
  dishes: { dishId: number; name: string; portions: number; orders: number }[];
  unitMeals: { id: number; no: string; kind: OrderKind; unitName: string; headcount: number; standardFen: number; pickupTime: string | null; purpose: string; contact: string; phone: string; note: string }[];
  totals: { takeoutOrders: number; portions: number; unitMealPeople: number };
  orders: { id: number; no: string; kind: OrderKind; status: OrderStatus; personName: string; unitName: string; pickupTime: string | null; headcount: number; note: string; lines: OrderLine[] }[];
}
export interface LockerBoard {
  id: number; code: string; name: string; lastSeenAt: string | null; cells: number;
  cellStates: { cell: number; doorOpen: boolean; order: { id: number; no: string; personName: string; readyAt: string; codeExpiresAt: string; expired: boolean } | null }[];
}
export interface StatementRow { canteenId: number; canteenName: string; unitId: number; unitName: string; month: string; orders: number; headcount: number; amountFen: number; status: 'open' | 'paid'; paidAt: string | null }
export interface Statement {
  month: string; canteenId: number; canteenName: string; unitId: number; unitName: string;
  lines: { orderId: number; no: string; date: string; meal: Meal; kind: OrderKind; purpose: string; requestedBy: string; headcount: number; standardFen: number; amountFen: number }[];
  totals: { orders: number; headcount: number; amountFen: number }; status: 'open' | 'paid';
  payment: { statementId: number; amountFen: number; paidAt: string; paidBy: string; memo: string } | null;
}

export const ORDER_STATUSES: readonly Label[] = [
  { value: 'requested', zh: '待审批', en: 'Awaiting approval', color: 'gold' },
  { value: 'approved', zh: '已批准', en: 'Approved', color: 'blue' },
  { value: 'rejected', zh: '已退回', en: 'Rejected', color: 'red' },
  { value: 'paid', zh: '已付款待备餐', en: 'Paid, being prepared', color: 'blue' },
  { value: 'ready', zh: '已入柜待取', en: 'In the locker', color: 'green' },
  { value: 'picked_up', zh: '已取餐', en: 'Picked up', color: 'default' },
  { value: 'served', zh: '已出餐', en: 'Served', color: 'default' },
  { value: 'no_show', zh: '未取餐', en: 'Not picked up', color: 'volcano' },
  { value: 'cancelled', zh: '已取消', en: 'Cancelled', color: 'default' },
];
export const ORDER_KINDS: readonly Label[] = [
  { value: 'takeout', zh: '外卖', en: 'Takeout', color: 'cyan' },
  { value: 'meeting', zh: '会议餐', en: 'Meeting meal', color: 'purple' },
  { value: 'official', zh: '公务餐', en: 'Official meal', color: 'geekblue' },
];

const qs = (o: Record<string, string | number | undefined>) => new URLSearchParams(Object.entries(o).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString();

export const orderApi = {
  canteens: () => get<{ id: number; code: string; name: string }[]>('/api/orders/canteens'),
  offers: (canteenId: number, date: string, meal: Meal) => get<Offers>(`/api/orders/offers?${qs({ canteenId, date, meal })}`),
  setOffers: (body: { canteenId: number; date: string; meal: Meal; dishes: { dishId: number; limit: number }[] }) => put<Offers>('/api/orders/offers', body),
  rules: (canteenId: number) => get<Rules>(`/api/orders/rules?canteenId=${canteenId}`),
  setRules: (r: Rules) => put<Rules>('/api/orders/rules', r),
  standard: (unitId: number) => get<{ unitId: number; unitName: string; standardFen: number }>(`/api/orders/unit-standards?unitId=${unitId}`),
  setStandard: (unitId: number, standardFen: number) => put('/api/orders/unit-standards', { unitId, standardFen }),
  placeTakeout: (body: { canteenId: number; date: string; meal: Meal; pickupTime?: string; note?: string; lines: { dishId: number; portions: number }[]; requestKey: string }) =>
    post<Order & { payment: { dueFen: number; mealSubsidyFen: number; fromSubsidyFen: number; fromCashFen: number; balances: { cashFen: number; subsidyFen: number } } }>('/api/orders', body),
  requestUnitMeal: (body: Record<string, unknown>) => post<Order>('/api/orders/unit-meals', body),
  mine: () => get<Order[]>('/api/orders/mine'),
  one: (id: number) => get<Order>(`/api/orders/${id}`),
  day: (canteenId: number, date: string, meal?: Meal) => get<Order[]>(`/api/orders?${qs({ canteenId, date, meal })}`),
  approvals: () => get<Order[]>('/api/orders/approvals'),
  production: (canteenId: number, date: string, meal: Meal) => get<Production>(`/api/orders/production?${qs({ canteenId, date, meal })}`),
  lockers: (canteenId: number) => get<LockerBoard[]>(`/api/orders/lockers?canteenId=${canteenId}`),
  setCells: (id: number, cells: number) => put<LockerBoard[]>(`/api/orders/lockers/${id}`, { cells }),
  cancel: (id: number, reason = '') => post<Order>(`/api/orders/${id}/cancel`, { reason }),
  approve: (id: number) => post<Order>(`/api/orders/${id}/approve`),
  reject: (id: number, reason: string) => post<Order>(`/api/orders/${id}/reject`, { reason }),
  ready: (id: number, lockerId?: number) => post<Order>(`/api/orders/${id}/ready`, lockerId ? { lockerId } : {}),
  serve: (id: number, headcount?: number) => post<Order>(`/api/orders/${id}/serve`, headcount ? { headcount } : {}),
  statements: (month: string) => get<StatementRow[]>(`/api/orders/statements?month=${month}`),
  statement: (month: string, canteenId: number, unitId: number) => get<Statement>(`/api/orders/statements/detail?${qs({ month, canteenId, unitId })}`),
  statementHref: (month: string, canteenId: number, unitId: number, format: 'xlsx' | 'pdf') => `/api/orders/statements/detail?${qs({ month, canteenId, unitId, format })}`,
  markPaid: (body: { month: string; canteenId: number; unitId: number; memo: string }) => post<Statement>('/api/orders/statements/paid', body),
};

/** A fresh client key per attempt of a form: a retried request (double tap, dropped connection) is placed once. */
export const newRequestKey = () => `ord-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
