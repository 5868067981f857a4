import { AuditOutlined, HomeOutlined, SafetyOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { t } from '../i18n.ts';
import { AuditPage } from '../modules/admin/AuditPage.tsx';
import { PeoplePage } from '../modules/admin/PeoplePage.tsx';
import { RolesPage } from '../modules/admin/RolesPage.tsx';
import { Home } from './Home.tsx';

export interface NavItem {
  path: string;
  label: string;
  hint: string;
  icon: ReactNode;
  permission?: string;
  group?: string;
  element: ReactNode;
}

/** The desktop menu and the routes in one list, so a page cannot exist without its permission. */
export function navItems(): NavItem[] {
  const admin = t('系统管理', 'Administration');
  return [
    { path: '/', label: t('首页', 'Home'), hint: '', icon: <HomeOutlined />, element: <Home /> },
    { path: '/admin/people', label: t('人员与角色', 'People & roles'), hint: t('添加人员，分配角色', 'Add people, assign roles'), icon: <TeamOutlined />, permission: 'admin.person.read', group: admin, element: <PeoplePage /> },
    { path: '/admin/roles', label: t('角色权限', 'Role permissions'), hint: t('设定每个角色能做什么', 'Set what each role may do'), icon: <SafetyOutlined />, permission: 'admin.role.read', group: admin, element: <RolesPage /> },
    { path: '/admin/audit', label: t('操作日志', 'Audit log'), hint: t('谁在何时改了什么', 'Who changed what, when'), icon: <AuditOutlined />, permission: 'admin.audit.read', group: admin, element: <AuditPage /> },
  ];
}
