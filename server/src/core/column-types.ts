import { customType } from 'drizzle-orm/pg-core';

/** Binary content (photos, documents) kept in the database row, so a backup holds everything. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});
