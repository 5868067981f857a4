import { z } from 'zod';
import { BUILTIN_ROLES } from '../roles.ts';


export const OrgInput = z.object({
  parentId: z.number().int().positive(),
  kind: z.enum(['centre', 'canteen', 'unit']),
  name: z.string().trim().min(1).max(100),
  code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/),
});

export const PersonInput = z.object({
  orgId: z.number().int().positive(),
  username: z.string().trim().min(3).max(40).regex(/^[A-Za-z0-9_.-]+$/),
  name: z.string().trim().min(1).max(60),
  phone: z.string().trim().max(20).optional(),
  password: z.string().min(8).max(200),
  roles: z.array(z.object({ orgId: z.number().int().positive(), roleKey: z.string().min(1) })).max(50).default([]),
});

export const PersonRolesInput = z.object({
  roles: z.array(z.object({ orgId: z.number().int().positive(), roleKey: z.string().min(1) })).max(50),
  active: z.boolean().optional(),
});

export const RoleGrantsInput = z.object({
  permissions: z.array(z.string().min(1)).max(500),
});

export const RoleInput = z.object({
  key: z.string().trim().min(2).max(40).regex(/^[a-z_]+$/).refine((k) => !BUILTIN_ROLES.some((r) => r.key === k), '与内置角色重名 / clashes with a built-in role'),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(60),
});

export const AuditQuery = z.object({
  entity: z.string().max(60).optional(),
  entityId: z.string().max(60).optional(),
  action: z.string().max(60).optional(),
  actor: z.string().max(60).optional(),
  from: z.string().date().optional(),
  to: z.string().date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
