
import type { Db } from './db.ts';
import { allPermissions } from './permissions.ts';
import { BUILTIN_ROLES } from './roles.ts';
import { permissionKnown, role, rolePermission } from './schema.ts';

/** Reference data every install needs: built-in roles and the default grants of newly added permissions. */
export async function seedReference(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const r of BUILTIN_ROLES) {
      await tx.insert(role).values({ key: r.key, nameZh: r.zh, nameEn: r.en, builtin: true })
        .onConflictDoUpdate({ target: role.key, set: { nameZh: r.zh, nameEn: r.en, builtin: true } });
    }
    const known = new Set((await tx.select().from(permissionKnown)).map((k) => k.permission));
    for (const p of allPermissions()) {
      if (known.has(p.key)) continue;
      const roles = p.roles.includes('admin') ? p.roles : [...p.roles, 'admin'];
      for (const r of roles) {
        await tx.insert(rolePermission).values({ roleKey: r, permission: p.key }).onConflictDoNothing();
      }
      await tx.insert(permissionKnown).values({ permission: p.key });
    }
  });
}
