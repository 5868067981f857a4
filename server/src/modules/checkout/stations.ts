import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { conflict } from '../../core/errors.ts';
import type { StationInput } from './contracts.ts';
import { P } from './permissions.ts';
import { station } from './schema.ts';

export async function listStations(ctx: Ctx, canteenId: number) {
  ctx.access.requireCanteen(P['checkout.sale.read'], canteenId);
  return ctx.db.select().from(station).where(eq(station.orgId, canteenId)).orderBy(asc(station.code));
}

export async function createStation(ctx: Ctx, input: z.infer<typeof StationInput>) {
  ctx.access.requireCanteen(P['checkout.station.write'], input.canteenId);
  const [row] = await ctx.db.insert(station).values({ orgId: input.canteenId, code: input.code, name: input.name, scaleCode: input.scaleCode })
    .onConflictDoNothing().returning();
  if (!row) throw conflict('station_exists', `结算台编码 ${input.code} 已存在`, `Station code ${input.code} exists already`);
  await audit(ctx, { orgId: input.canteenId, action: 'checkout.station_created', entity: 'checkout_station', entityId: row.id, after: row });
  return row;
}
