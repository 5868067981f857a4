import { definePermissions } from '../permissions.ts';

export const P = definePermissions([
  { key: 'admin.org.read', zh: '查看组织架构', en: 'View organisations', roles: ['bureau_leader', 'canteen_head'] },
  { key: 'admin.org.write', zh: '维护组织架构', en: 'Edit organisations', roles: [] },
  { key: 'admin.person.read', zh: '查看人员', en: 'View people', roles: ['bureau_leader', 'canteen_head'] },
  { key: 'admin.person.write', zh: '维护人员与角色', en: 'Edit people and their roles', roles: [] },
  { key: 'admin.role.read', zh: '查看角色权限', en: 'View role permissions', roles: [] },
  { key: 'admin.role.write', zh: '设置角色权限', en: 'Edit role permissions', roles: [] },
  { key: 'admin.audit.read', zh: '查看操作日志', en: 'View the audit log', roles: ['bureau_leader', 'canteen_head'] },
] as const);
