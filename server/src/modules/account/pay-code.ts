import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict } from '../../core/errors.ts';
import { ownAccount, type AccountRow } from './accounts.ts';
import { account } from './schema.ts';

/** A pay code lives this long: a screenshot of it is useless a minute later. */
export const PAY_CODE_SECONDS = 60;

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64url').slice(0, 22);

/** The diner's pay code (shown as a QR on the phone): account and expiry, signed with the platform's secret. */
export async function issuePayCode(ctx: Ctx) {
  const acc = await ownAccount(ctx);
  if (acc.status !== 'active') throw conflict(`account_${acc.status}`, '账户不可用，不能出示付款码', 'The account cannot pay, so it has no pay code');
  const expires = Math.floor(ctx.now().getTime() / 1000) + PAY_CODE_SECONDS;
  const body = `SLP1.${acc.id}.${expires}`;
  return { code: `${body}.${sign(ctx.platform.config.signingSecret, body)}`, expiresAt: new Date(expires * 1000).toISOString() };
}

/** The account a scanned pay code names, if the code is genuine and not expired. */
export async function accountByPayCode(ctx: Ctx, code: string): Promise<AccountRow> {
  const m = /^(SLP1\.(\d{1,10})\.(\d{10}))\.([A-Za-z0-9_-]{22})$/.exec(code.trim());
  const bad = () => new AppError(400, 'pay_code_invalid', '付款码无效，请刷新手机上的付款码', 'Not a valid pay code; refresh the code on the phone');
  if (!m) throw bad();
  const want = Buffer.from(sign(ctx.platform.config.signingSecret, m[1]!));
  if (!timingSafeEqual(want, Buffer.from(m[4]!))) throw bad();
  if (Number(m[3]) * 1000 < ctx.now().getTime()) throw new AppError(400, 'pay_code_expired', '付款码已过期，请刷新', 'The pay code has expired; refresh it');
  const [row] = await ctx.db.select().from(account).where(eq(account.id, Number(m[2])));
  if (!row) throw bad();
  return row;
}
