import { definePermissions } from '../../core/permissions.ts';

/**
 * The sample keeper (食安员, 留样责任人) records and discards samples; the head chef and the
 * contractor's site manager may too (they stand in when the keeper is off). The canteen head and
 * the site manager set the canteen's rule; the bureau reads.
 */
export const P = definePermissions([
  { key: 'sample.sample.read', zh: '查看留样记录', en: 'View food samples',
    roles: ['safety_officer', 'site_manager', 'canteen_head', 'head_chef', 'hall_manager', 'bureau_leader'] },
  { key: 'sample.sample.write', zh: '登记与销毁留样', en: 'Keep and discard food samples', roles: ['safety_officer', 'site_manager', 'head_chef'] },
  { key: 'sample.setting.manage', zh: '设置留样规则（克数、时长）', en: 'Set the sample rule (grams, hours)', roles: ['canteen_head', 'site_manager'] },
] as const);
