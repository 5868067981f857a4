import type { Platform } from './core/context.ts';
import { ctxAs } from './core/context-factory.ts';
import { inTransaction } from './core/context.ts';
import { peopleByUsername } from './core/people.ts';
import { Random } from './core/random.ts';
import { openAccounts, saveCategory, setMealRules } from './modules/account/index.ts';
import type { DemoAccount } from './demo-sales.ts';
import { createStation, registerSample } from './modules/checkout/index.ts';
import { addDays, publishedDemand } from './modules/menu/index.ts';
import { setOffers } from './modules/order/index.ts';
import { TrayCamera } from './devices/simulators/tray-camera.ts';
import { chinaDate } from './core/doc-number.ts';
import { demoCheckoutScaleCode } from './devices/index.ts';

/** Demo card numbers: diner1 carries TZ000001. */
export const demoCardNo = (i: number) => `TZ${String(i).padStart(6, '0')}`;
export const demoStationCode = (canteenCode: string, n: number) => `CO-${canteenCode}-${String(n).padStart(2, '0')}`;

const CATEGORIES = [
  { code: 'staff', nameZh: '在编干部职工', nameEn: 'Civil servant', overdraftFen: 2000, offlineLimitFen: 3000, monthlySubsidyFen: 30000 },
  { code: 'contractor', nameZh: '驻点及外包人员', nameEn: 'Contractor', overdraftFen: 0, offlineLimitFen: 2000, monthlySubsidyFen: 0 },
  { code: 'visitor', nameZh: '来访人员', nameEn: 'Visitor', overdraftFen: 0, offlineLimitFen: 0, monthlySubsidyFen: 0 },
] as const;

/**
 * The one-card side of the demo centre: categories and each canteen's rules (staff get ¥5 off
 * lunch and ¥2 off breakfast from their unit; visitors pay a flat fee per meal), an account and
 * card per diner (about one in eight a contractor), 20 visitor cards, and two checkout stations
 * with their scales per canteen. Their money comes from demo-sales.ts.
 */
export async function seedDemoDiners(platform: Platform, centreId: number, canteens: readonly { id: number; code: string; login: string }[], diners: number, log: (m: string) => void): Promise<DemoAccount[]> {
  const admin = await ctxAs(platform, 'admin');
  const rng = new Random(4);
  const cats = await inTransaction(admin, async (tx) => {
    const out: Record<string, number> = {};
    for (const c of CATEGORIES) out[c.code] = (await saveCategory(tx, { orgId: centreId, ...c, active: true })).id;
    for (const k of canteens) {
      await setMealRules(tx, { canteenId: k.id, rules: [
        { categoryId: out.staff!, meal: 'breakfast', pricePct: 100, subsidyFen: 200, flatFen: null },
        { categoryId: out.staff!, meal: 'lunch', pricePct: 100, subsidyFen: 500, flatFen: null },
        { categoryId: out.visitor!, meal: 'breakfast', pricePct: 100, subsidyFen: 0, flatFen: 1000 },
        { categoryId: out.visitor!, meal: 'lunch', pricePct: 100, subsidyFen: 0, flatFen: 2500 },
        { categoryId: out.visitor!, meal: 'dinner', pricePct: 100, subsidyFen: 0, flatFen: 2000 },
      ] });
      for (const n of [1, 2]) await createStation(tx, { canteenId: k.id, code: demoStationCode(k.code, n), name: `${n} 号结算台`, scaleCode: demoCheckoutScaleCode(k.code, n) });
    }
    return out;
  });
  const dinerPeople = await peopleByUsername(platform.database.db, Array.from({ length: diners }, (_, i) => `diner${i + 1}`));
  const list = dinerPeople.map((p, i) => ({ personId: p.id, name: p.name, unitId: p.orgId, categoryId: rng.next() < 0.12 ? cats.contractor! : cats.staff!, cardNo: demoCardNo(i + 1) }));
  const visitors = Array.from({ length: 20 }, (_, i) => ({ personId: null, name: `来访卡 ${String(i + 1).padStart(2, '0')}`, unitId: centreId, categoryId: cats.visitor!, cardNo: `FK${String(i + 1).padStart(4, '0')}` }));
  const opened = await inTransaction(admin, (tx) => openAccounts(tx, centreId, [...list, ...visitors]));
  log(`${opened.length} meal-card accounts (cards ${demoCardNo(1)} … ${demoCardNo(diners)}, visitor cards FK0001 … FK0020)`);
  const categoryOf = new Map(Object.entries(cats).map(([code, id]) => [id, code as DemoAccount['category']]));
  const byCard = new Map([...list, ...visitors].map((a) => [a.cardNo, a]));
  return opened.map((o): DemoAccount => ({ id: o.id, unitId: byCard.get(o.cardNo)!.unitId, category: categoryOf.get(byCard.get(o.cardNo)!.categoryId)! }));
}

/** Each canteen photographs today's dishes for the stations' recogniser: two shots a dish from the tray-camera simulator. */
export async function seedDemoRecognition(platform: Platform, canteens: readonly { id: number; login: string }[], log: (m: string) => void) {
  const today = chinaDate(platform.now());
  const camera = new TrayCamera({ seed: 8, format: 'png' });
  let n = 0;
  for (const c of canteens) {
    const head = await ctxAs(platform, `head.${c.login}`);
    const dishIds = [...new Set((await publishedDemand(head, c.id, today, today)).map((d) => d.dishId))];
    await inTransaction(head, async (tx) => {
      for (const dishId of dishIds) for (let i = 0; i < 2; i++, n++) await registerSample(tx, c.id, dishId, camera.dish(dishId));
    });
  }
  log(`${n} dish photos registered for recognition (today's menus, tray-camera simulator)`);
}

/** Takeout for the coming week: each canteen's chef offers 30 portions of every lunch and dinner dish of its published plans. */
export async function seedDemoTakeout(platform: Platform, canteens: readonly { id: number; login: string }[], log: (m: string) => void) {
  const today = chinaDate(platform.now());
  let offers = 0;
  for (const c of canteens) {
    const chef = await ctxAs(platform, `chef.${c.login}`);
    const plans = await publishedDemand(chef, c.id, today, addDays(today, 6));
    const byMeal = new Map<string, { date: string; meal: 'lunch' | 'dinner'; dishIds: number[] }>();
    for (const p of plans) {
      if (p.meal !== 'lunch' && p.meal !== 'dinner') continue;
      const k = `${p.date}|${p.meal}`;
      byMeal.set(k, { date: p.date, meal: p.meal, dishIds: [...(byMeal.get(k)?.dishIds ?? []), p.dishId] });
    }
    await inTransaction(chef, async (tx) => {
      for (const m of byMeal.values()) {
        await setOffers(tx, { canteenId: c.id, date: m.date, meal: m.meal, dishes: m.dishIds.map((dishId) => ({ dishId, limit: 30 })) });
        offers++;
      }
    });
  }
  log(`takeout offered for ${offers} meals of the coming week; pickup lockers ${canteens.length}`);
}
