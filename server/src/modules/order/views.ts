import { inArray } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { personNames } from '../../core/people.ts';
import { devicesOfKind } from '../../devices/index.ts';
import { closesAt, rulesOf } from './settings.ts';
import { line, order } from './schema.ts';

export type OrderRow = typeof order.$inferSelect;

/**
 * Orders as the pages show them. The pickup code is shown to the person who ordered only (and the
 * lockers' screens): the kitchen never needs it.
 */
export async function orderViews(ctx: Ctx, rows: OrderRow[]) {
  if (!rows.length) return [];
  const lines = await ctx.db.select().from(line).where(inArray(line.orderId, rows.map((r) => r.id))).orderBy(line.id);
  const names = await personNames(ctx.db, rows.flatMap((r) => [r.personId, r.canteenApprovedBy, r.unitApprovedBy]));
  const canteens = [...new Set(rows.map((r) => r.orgId))];
  const rules = new Map(await Promise.all(canteens.map(async (c) => [c, await rulesOf(ctx, c)] as const)));
  const lockers = new Map((await Promise.all(canteens.map((c) => devicesOfKind(ctx, c, 'locker')))).flat().map((d) => [d.id, d]));
  return rows.map((r) => {
    const mine = ctx.user?.id === r.personId;
    return {
      id: r.id, no: r.no, kind: r.kind, status: r.status, canteenId: r.orgId, canteenName: ctx.tree.get(r.orgId)?.name ?? '',
      date: r.date, meal: r.meal, pickupTime: r.pickupTime, personId: r.personId, personName: names.get(r.personId) ?? '',
      unitId: r.unitId, unitName: ctx.tree.get(r.unitId)?.name ?? '', headcount: r.headcount, standardFen: r.standardFen,
      purpose: r.purpose, contact: r.contact, phone: r.phone, note: r.note, menuFen: r.menuFen, dueFen: r.dueFen,
      lines: lines.filter((l) => l.orderId === r.id).map((l) => ({ dishId: l.dishId, name: l.name, portions: l.portions, priceFen: l.priceFen, amountFen: l.amountFen })),
      canteenApproved: r.canteenApprovedAt ? { by: names.get(r.canteenApprovedBy ?? 0) ?? '', at: r.canteenApprovedAt } : null,
      unitApproved: r.unitApprovedAt ? { by: names.get(r.unitApprovedBy ?? 0) ?? '', at: r.unitApprovedAt } : null,
      rejectReason: r.rejectReason,
      locker: r.lockerDeviceId ? { id: r.lockerDeviceId, code: lockers.get(r.lockerDeviceId)?.code ?? '', name: lockers.get(r.lockerDeviceId)?.name ?? '', cell: r.cell } : null,
      pickupCode: mine && r.status === 'ready' ? r.pickupCode : null,
      codeExpiresAt: r.status === 'ready' ? r.codeExpiresAt : null,
      refunded: r.refundEntryId !== null,
      readyAt: r.readyAt, pickedUpAt: r.pickedUpAt, servedAt: r.servedAt, noShowAt: r.noShowAt, cancelledAt: r.cancelledAt,
      closesAt: closesAt(rules.get(r.orgId)!, r.kind, r.date, r.meal),
      createdAt: r.createdAt,
    };
  });
}
export type OrderView = Awaited<ReturnType<typeof orderViews>>[number];
