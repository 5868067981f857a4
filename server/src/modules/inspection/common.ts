import { inTransaction, type Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { AppError } from '../../core/errors.ts';

export const today = (ctx: Ctx) => chinaDate(ctx.now());

/** The moment a 'HH:MM' deadline falls on a business date (China time, UTC+8 all year). */
export const deadlineOn = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

/** 'HH:MM' of a moment, China time. */
export const chinaClock = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);

/** 'YYYY-MM-DD HH:MM:SS' China time: the watermark's first fact. */
export const chinaSecond = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Does the caller hold `role` at this canteen (given there or above it)? */
export const holdsRoleAt = (ctx: Ctx, role: string, canteenId: number) =>
  ctx.access.assignments.some((a) => a.roleKey === role && ctx.tree.isWithin(canteenId, a.orgId));

/** Runs `fn` in the caller's transaction, or in a new one when a read path must write (issuing today's run). */
export const writing = <T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> => (ctx.written ? fn(ctx) : inTransaction(ctx, fn));

export const canteenName = (ctx: Ctx, id: number) => ctx.tree.get(id)?.name ?? `#${id}`;

export const futureDate = () => new AppError(400, 'future_date', '不能登记将来的日期', 'The date cannot be in the future');
