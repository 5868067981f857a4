import { z } from 'zod';
import { IdParams, route, type App } from '../http.ts';
import { AuditQuery, OrgInput, PersonInput, PersonRolesInput, RoleGrantsInput, RoleInput } from './contracts.ts';
import { P } from './permissions.ts';
import * as svc from './service.ts';

const tag = '系统管理 admin';

export function adminRoutes(app: App): void {
  route(app, { method: 'get', path: '/api/orgs', tag, summary: '组织树 / organisation tree', guard: { authenticated: true },
    handler: async (ctx) => svc.listOrgs(ctx) });
  route(app, { method: 'post', path: '/api/orgs', tag, summary: '新建组织 / create organisation', guard: { permission: P['admin.org.write'] }, body: OrgInput, status: 201,
    handler: (ctx, { body }) => svc.createOrg(ctx, body) });
  route(app, { method: 'get', path: '/api/people', tag, summary: '人员列表 / people', guard: { permission: P['admin.person.read'] },
    query: z.object({ orgId: z.coerce.number().int().positive().optional(), search: z.string().max(60).optional() }),
    handler: (ctx, { query }) => svc.listPeople(ctx, query) });
  route(app, { method: 'post', path: '/api/people', tag, summary: '新建人员 / create person', guard: { permission: P['admin.person.write'] }, body: PersonInput, status: 201,
    handler: (ctx, { body }) => svc.createPerson(ctx, body) });
  route(app, { method: 'put', path: '/api/people/:id/roles', tag, summary: '设置人员角色 / set roles', guard: { permission: P['admin.person.write'] }, params: IdParams, body: PersonRolesInput,
    handler: (ctx, { params, body }) => svc.updatePersonRoles(ctx, params.id, body) });
  route(app, { method: 'get', path: '/api/roles', tag, summary: '角色与权限 / roles and grants', guard: { permission: P['admin.role.read'] },
    handler: (ctx) => svc.listRoles(ctx) });
  route(app, { method: 'post', path: '/api/roles', tag, summary: '新建角色 / create role', guard: { permission: P['admin.role.write'] }, body: RoleInput, status: 201,
    handler: (ctx, { body }) => svc.createRole(ctx, body) });
  route(app, { method: 'put', path: '/api/roles/:key/permissions', tag, summary: '设置角色权限 / set grants', guard: { permission: P['admin.role.write'] },
    params: z.object({ key: z.string().min(1).max(40) }), body: RoleGrantsInput,
    handler: (ctx, { params, body }) => svc.setRoleGrants(ctx, params.key, body.permissions) });
  route(app, { method: 'get', path: '/api/audit', tag, summary: '操作日志 / audit log', guard: { permission: P['admin.audit.read'] }, query: AuditQuery,
    handler: (ctx, { query }) => svc.searchAudit(ctx, query) });
}
