import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * 24 random bytes: far beyond guessing, so a plain SHA-256 protects the stored copy; argon2 would
 * only cost time on every HTTP reading (several per second per device).
 */
export const newToken = (): string => randomBytes(24).toString('base64url');

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function tokenMatches(token: string, hash: string): boolean {
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
