import type { ASSIGNEE_ROLES, BLOCKS } from './schema.ts';

export interface DefaultItem {
  block: (typeof BLOCKS)[number];
  title: string;
  area: string;
  role: (typeof ASSIGNEE_ROLES)[number];
  deadline: string;
}

export const DEFAULT_TEMPLATE_NAME = '每日自查表';

/**
 * The checklist a canteen starts with, in the three blocks of the seeds (seed 001 line 865: 厉行节约, 安全, 环境卫生):
 * the grid-area wardens photograph the kitchen's safety points, the hall manager the dining hall's cleaning and
 * disinfection; frugality covers the clean-plate campaign, cooking to demand and utilities (seed 000 line 1025).
 * Deadlines fall before the lunch service (checks of the day's set-up) or after it (cleaning, disinfection, waste).
 */
export const DEFAULT_ITEMS: DefaultItem[] = [
  { block: 'frugality', title: '光盘行动宣传到位（桌牌、海报、电子屏）', area: '餐厅', role: 'hall_manager', deadline: '11:00' },
  { block: 'frugality', title: '按需备餐：核对当日就餐人数与备餐量', area: '后厨', role: 'area_warden', deadline: '10:00' },
  { block: 'frugality', title: '公筷公勺、小份菜按标准提供', area: '餐厅', role: 'hall_manager', deadline: '11:30' },
  { block: 'frugality', title: '水电节约：空置区域关灯、关水龙头、关设备', area: '后厨', role: 'area_warden', deadline: '14:30' },
  { block: 'safety', title: '燃气阀门与灶具检查（无泄漏，用后关闭）', area: '后厨', role: 'area_warden', deadline: '09:30' },
  { block: 'safety', title: '消防通道畅通，灭火器在位有效', area: '后厨', role: 'area_warden', deadline: '10:00' },
  { block: 'safety', title: '刀具定位存放、专人管理', area: '后厨', role: 'area_warden', deadline: '10:00' },
  { block: 'safety', title: '食品留样到位（每餐每菜 ≥125 克，冷藏 48 小时）', area: '留样间', role: 'area_warden', deadline: '13:00' },
  { block: 'safety', title: '库房食材离地离墙、生熟分开、无过期', area: '仓库', role: 'area_warden', deadline: '10:30' },
  { block: 'hygiene', title: '餐厅地面干净，无积水油污', area: '餐厅', role: 'hall_manager', deadline: '11:00' },
  { block: 'hygiene', title: '餐桌餐椅清洁与现场消毒', area: '餐厅', role: 'hall_manager', deadline: '14:00' },
  { block: 'hygiene', title: '餐具清洗消毒，消毒柜运行正常', area: '洗消间', role: 'area_warden', deadline: '14:00' },
  { block: 'hygiene', title: '垃圾分类，垃圾桶加盖并及时清运', area: '后厨', role: 'area_warden', deadline: '14:30' },
];
