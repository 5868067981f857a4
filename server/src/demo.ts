import { count, sql } from 'drizzle-orm';
import { hashPassword } from './core/auth.ts';
import type { Platform } from './core/context.ts';
import { insertOrgs, insertPeople, type OrgSpec, type PersonSpec } from './core/org-seed.ts';
import { Random } from './core/random.ts';
import { org } from './core/schema.ts';
import { seedCanteenDemo, seedDemoRequisitions } from './demo-canteen.ts';
import { seedDemoDevices } from './devices/index.ts';
import { seedDemoDiners, seedDemoRecognition, seedDemoTakeout } from './demo-diners.ts';
import { seedDemoSales } from './demo-sales.ts';
import { seedDemoHistory } from './demo-history.ts';
import { seedDemoMonitoring } from './modules/monitoring/index.ts';
import { seedDemoInspections } from './modules/inspection/index.ts';
import { seedDemoSamples } from './modules/sample/index.ts';
import { seedDemoWorkers } from './modules/worker/index.ts';

export const DEMO_PASSWORD = 'demo1234';

export const CANTEENS = [
  { code: 'YJZH', name: '应急综合大楼食堂', login: 'yj' },
  { code: 'FN', name: '枫南食堂', login: 'fn' },
  { code: 'B6', name: '6号楼食堂', login: 'b6' },
  { code: 'B7', name: '7号楼食堂', login: 'b7' },
] as const;

const CANTEEN_ROLES = [
  ['head', 'canteen_head', '食堂负责人'],
  ['chef', 'head_chef', '厨师长'],
  ['site', 'site_manager', '项目经理'],
  ['store', 'storekeeper', '仓管员'],
  ['recv', 'receiver', '验收员'],
  ['cashier', 'cashier', '收银员'],
  ['safety', 'safety_officer', '食安员'],
  ['hall', 'hall_manager', '餐厅经理'],
  ['warden', 'area_warden', '网格区域责任人'],
] as const;

/** Logins printed at start; every canteen has the same set with its own suffix (chef.fn, head.b6 …). */
export const DEMO_LOGINS = [
  { username: 'admin', role: '系统管理员 administrator' },
  { username: 'leader', role: '局领导 bureau leader' },
  { username: 'head.yj', role: '食堂负责人 canteen head, 应急综合大楼食堂' },
  { username: 'chef.yj', role: '厨师长 head chef, 应急综合大楼食堂' },
  { username: 'store.yj', role: '仓管员 storekeeper, 应急综合大楼食堂' },
  { username: 'chef.fn', role: '厨师长 head chef, 枫南食堂 (also .b6 .b7; roles head/site/store/recv/cashier/safety/hall/warden)' },
  { username: 'site.yj', role: '项目经理 site manager: 晨检 /kiosk/morning-check, 食品安全概览 /safety' },
  { username: 'safety.yj', role: '食安员 food-safety officer: 留样 phone /m/samples' },
  { username: 'warden.yj', role: '网格区域责任人 area warden: 每日自查 phone /m/inspection (also hall.yj 餐厅经理)' },
  { username: 'cashier.yj', role: '收银员 cashier: 结算台 checkout station /kiosk, 服务台 counter' },
  { username: 'diner1', role: '就餐人员 diner (diner1 … diner3500), 卡号 card TZ000001 …' },
];

const DEPARTMENTS = [
  '发展和改革委员会', '经济和信息化局', '教育局', '科学技术局', '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局',
  '自然资源和规划局', '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化广电旅游局', '卫生健康委员会',
  '退役军人事务局', '应急管理局', '审计局', '国有资产监督管理委员会', '市场监督管理局', '体育局', '统计局', '医疗保障局', '综合行政执法局',
  '信访局', '大数据发展管理局', '机关事务管理局', '档案馆', '地方志办公室', '投资促进中心', '港航口岸和渔业管理局', '粮食和物资储备局',
  '人民防空办公室', '供销合作社', '总工会', '团市委', '妇女联合会', '科学技术协会', '文学艺术界联合会', '残疾人联合会', '红十字会', '侨务办公室',
];
const SUFFIXES = ['', '办公室', '综合处', '政策法规处', '财务处', '人事处'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文斌丹玲萍鹏辉宇浩凯晨欣怡佳琪子涵俊峰海燕雪梅晓东立新振宇';

export function unitNames(n: number): string[] {
  const out: string[] = [];
  for (const suffix of SUFFIXES) for (const d of DEPARTMENTS) if (out.length < n) out.push(`台州市${d}${suffix}`);
  return out;
}

export function personName(rng: Random): string {
  const given = rng.int(1, 2);
  let s = rng.pick([...SURNAMES]);
  for (let i = 0; i < given; i++) s += rng.pick([...GIVEN]);
  return s;
}

/** Builds the demo centre once (fixed seed, same data every time). Returns false when already there. */
export async function seedDemo(platform: Platform, log: (msg: string) => void = () => {}, opts: { diners?: number; units?: number; requisitions?: boolean; historyDays?: number; salesDays?: number; historyHeadcountScale?: number } = {}): Promise<boolean> {
  const db = platform.database.db;
  const [existing] = await db.select({ n: count() }).from(org);
  if (existing!.n > 0) return false;
  const rng = new Random(20261125);
  const hash = await hashPassword(DEMO_PASSWORD);
  const dinerCount = opts.diners ?? 3500;
  const unitCount = opts.units ?? 223;
  let orgIds = new Map<string, number>();
  await db.transaction(async (tx) => {
    const specs: OrgSpec[] = [
      { code: 'TZJGSW', name: '台州市机关事务管理局', kind: 'bureau' },
      { code: 'HQBZ', name: '台州市后勤保障中心', kind: 'centre', parentCode: 'TZJGSW' },
      ...CANTEENS.map((c) => ({ code: c.code, name: c.name, kind: 'canteen' as const, parentCode: 'HQBZ' })),
      ...unitNames(unitCount).map((name, i) => ({ code: `U${String(i + 1).padStart(3, '0')}`, name, kind: 'unit' as const, parentCode: 'TZJGSW' })),
    ];
    orgIds = await insertOrgs(tx, specs);
    log(`${specs.length} organisations (${unitCount} agency units, ${CANTEENS.length} canteens)`);
    const bureau = orgIds.get('TZJGSW')!;
    const people: PersonSpec[] = [
      { username: 'admin', name: '系统管理员', orgId: bureau, passwordHash: hash, roles: [{ orgId: bureau, roleKey: 'admin' }] },
      { username: 'leader', name: '陈局长', orgId: bureau, passwordHash: hash, roles: [{ orgId: bureau, roleKey: 'bureau_leader' }] },
    ];
    for (const c of CANTEENS) {
      const cid = orgIds.get(c.code)!;
      for (const [prefix, roleKey] of CANTEEN_ROLES) {
        people.push({ username: `${prefix}.${c.login}`, name: personName(rng), orgId: cid, passwordHash: hash, roles: [{ orgId: cid, roleKey }] });
      }
    }
    for (let i = 1; i <= dinerCount; i++) {
      const unit = orgIds.get(`U${String(rng.int(1, unitCount)).padStart(3, '0')}`)!;
      people.push({ username: `diner${i}`, name: personName(rng), orgId: unit, passwordHash: hash, roles: [{ orgId: unit, roleKey: 'diner' }] });
    }
    await insertPeople(tx, people);
    log(`${people.length} people (${dinerCount} diners)`);
  });
  platform.invalidateCaches();
  const canteens = CANTEENS.map((c) => ({ id: orgIds.get(c.code)!, login: c.login }));
  const library = await seedCanteenDemo(platform, canteens, orgIds.get('TZJGSW')!, log);
  const withCodes = CANTEENS.map((c) => ({ id: orgIds.get(c.code)!, code: c.code, login: c.login }));
  const accounts = await seedDemoDiners(platform, orgIds.get('HQBZ')!, withCodes, dinerCount, log);
  const eaten = opts.historyDays ? await seedDemoHistory(platform, canteens, library, opts.historyDays, log, opts.historyHeadcountScale) : [];
  await seedDemoSales(platform, orgIds.get('HQBZ')!, withCodes, accounts, eaten, opts.historyDays ?? 0, opts.salesDays ?? 30, log);
  await seedDemoRecognition(platform, canteens, log);
  await seedDemoTakeout(platform, canteens, log);
  await seedDemoSamples(platform, withCodes, log);
  await seedDemoMonitoring(platform, withCodes, log);
  await seedDemoInspections(platform, withCodes, log);
  await seedDemoWorkers(platform, withCodes, log);
  if (opts.requisitions ?? true) await seedDemoRequisitions(platform, canteens, library.firstMonday, log);
  const scales = await seedDemoDevices(platform, CANTEENS.map((c) => ({ id: orgIds.get(c.code)!, code: c.code, login: c.login })));
  log(`receiving scales ${scales.join(', ')}`);
  // Fresh planner statistics: a bulk load leaves the tables looking empty to the planner.
  await db.execute(sql`analyze`);
  return true;
}
