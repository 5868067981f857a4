import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { invalid } from '../../core/errors.ts';
import { personNames, roleHoldersAt } from '../../core/people.ts';
import type { TemplateInput } from './contracts.ts';
import { DEFAULT_ITEMS, DEFAULT_TEMPLATE_NAME } from './default-template.ts';
import { P } from './permissions.ts';
import { syncOpenRun } from './runs.ts';
import { ASSIGNEE_ROLES, item, template } from './schema.ts';
import { today, writing } from './common.ts';

export type TemplateRow = typeof template.$inferSelect;
export type ItemRow = typeof item.$inferSelect;

const itemFacts = (i: ItemRow) => ({ id: i.id, block: i.block, title: i.title, area: i.area, role: i.role, personId: i.personId, deadline: i.deadline, requiresPhoto: i.requiresPhoto });

/** The canteen's template, created from the default checklist the first time it is needed. Runs in a transaction. */
export async function ensureTemplate(ctx: Ctx, canteenId: number): Promise<TemplateRow> {
  const [found] = await ctx.db.select().from(template).where(eq(template.orgId, canteenId));
  if (found) return found;
  const [created] = await ctx.db.insert(template).values({ orgId: canteenId, name: DEFAULT_TEMPLATE_NAME, updatedAt: ctx.now(), updatedBy: ctx.user?.id ?? null })
    .onConflictDoNothing().returning();
  // Someone else created it between our two statements.
  if (!created) return (await ctx.db.select().from(template).where(eq(template.orgId, canteenId)))[0]!;
  await ctx.db.insert(item).values(DEFAULT_ITEMS.map((d, i) => ({ ...d, orgId: canteenId, templateId: created.id, position: i + 1, requiresPhoto: true })));
  await audit(ctx, { orgId: canteenId, action: 'inspection.template.created', entity: 'inspection_template', entityId: created.id, after: { name: created.name, items: DEFAULT_ITEMS.length, from: 'default' } });
  return created;
}

export const itemsOf = (ctx: Ctx, templateId: number) => ctx.db.select().from(item).where(eq(item.templateId, templateId)).orderBy(asc(item.position), asc(item.id));

/** The checklist as the editor shows it, with the people who may be named for each role. */
export async function getTemplate(ctx: Ctx, canteenId: number) {
  ctx.access.requireCanteen(P['inspection.checklist.read'], canteenId);
  const t = await writing(ctx, (tx) => ensureTemplate(tx, canteenId));
  const items = await itemsOf(ctx, t.id);
  const names = await personNames(ctx.db, [t.updatedBy, ...items.map((i) => i.personId)]);
  const people = Object.fromEntries(await Promise.all(ASSIGNEE_ROLES.map(async (role) =>
    [role, (await roleHoldersAt(ctx.db, canteenId, [role])).map((p) => ({ id: p.personId, name: p.name }))] as const)));
  return {
    id: t.id, canteenId, name: t.name, updatedAt: t.updatedAt, updatedByName: t.updatedBy ? names.get(t.updatedBy) ?? null : null,
    items: items.map((i) => ({ ...itemFacts(i), personName: i.personId ? names.get(i.personId) ?? null : null })),
    people,
  };
}

/**
 * Replaces the checklist: lines keep their id when edited, new ones are added, missing ones removed. Today's run,
 * if still open, follows at once for tasks nobody has started (no photo yet); started and finished ones stay as
 * they were issued.
 */
export async function saveTemplate(ctx: Ctx, input: z.infer<typeof TemplateInput>) {
  ctx.access.requireCanteen(P['inspection.template.manage'], input.canteenId);
  const t = await ensureTemplate(ctx, input.canteenId);
  const [locked] = await ctx.db.select().from(template).where(eq(template.id, t.id)).for('update');
  const before = await itemsOf(ctx, t.id);
  const known = new Set(before.map((i) => i.id));
  const stranger = input.items.find((i) => i.id !== undefined && !known.has(i.id));
  if (stranger) throw invalid('item_not_in_template', `检查项 #${stranger.id} 不属于该自查表`, `Item #${stranger.id} is not on this checklist`);
  const ids = input.items.flatMap((i) => (i.id ? [i.id] : []));
  if (new Set(ids).size !== ids.length) throw invalid('item_repeated', '同一检查项出现了两次', 'An item appears twice');
  for (const role of ASSIGNEE_ROLES) {
    const named = input.items.filter((i) => i.role === role && i.personId).map((i) => i.personId!);
    if (!named.length) continue;
    const holders = new Set((await roleHoldersAt(ctx.db, input.canteenId, [role])).map((p) => p.personId));
    const wrong = named.find((p) => !holders.has(p));
    if (wrong) {
      throw invalid('person_not_in_role', `指定的人员 #${wrong} 不是本食堂的${role === 'area_warden' ? '网格区域责任人' : '餐厅经理'}`,
        `Person #${wrong} is not ${role === 'area_warden' ? 'an area warden' : 'the hall manager'} of this canteen`);
    }
  }
  const keep = new Set(ids);
  const removed = before.filter((i) => !keep.has(i.id));
  if (removed.length) await ctx.db.delete(item).where(inArray(item.id, removed.map((i) => i.id)));
  for (const [n, i] of input.items.entries()) {
    const values = { block: i.block, title: i.title, area: i.area, role: i.role, personId: i.personId ?? null, deadline: i.deadline, requiresPhoto: i.requiresPhoto, position: n + 1 };
    if (i.id) await ctx.db.update(item).set(values).where(and(eq(item.id, i.id), eq(item.templateId, t.id)));
    else await ctx.db.insert(item).values({ ...values, orgId: input.canteenId, templateId: t.id });
  }
  await ctx.db.update(template).set({ name: input.name, updatedAt: ctx.now(), updatedBy: ctx.user?.id ?? null }).where(eq(template.id, t.id));
  const after = await itemsOf(ctx, t.id);
  await audit(ctx, {
    orgId: input.canteenId, action: 'inspection.template.updated', entity: 'inspection_template', entityId: t.id,
    before: { name: locked!.name, items: before.map(itemFacts) }, after: { name: input.name, items: after.map(itemFacts) },
  });
  await syncOpenRun(ctx, input.canteenId, today(ctx), after);
  return getTemplate(ctx, input.canteenId);
}
