import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an online-payment provider tells us when a diner has paid. */
export interface PaymentNotice { paymentId: string; providerRef: string; amountFen: number; signature: string }

/**
 * An online-payment provider (a bank's or the government payment platform's interface). The
 * platform starts a payment, sends the diner to `payUrl`, and credits the account when a notice
 * with a valid signature arrives — from the provider, never from the diner's browser.
 */
export interface PaymentGateway {
  readonly name: string;
  start(p: { paymentId: string; amountFen: number; description: string }): Promise<{ payUrl: string }>;
  verify(notice: PaymentNotice): boolean;
}

/**
 * The local implementation: a page of this platform plays the provider's checkout, and its
 * confirmation is signed with the platform's secret as a provider would sign its notice.
 */
export class LocalPaymentGateway implements PaymentGateway {
  readonly name = 'local';
  constructor(private readonly secret: string) {}

  async start(p: { paymentId: string }) {
    return { payUrl: `/m/pay/${encodeURIComponent(p.paymentId)}` };
  }

  sign(n: Omit<PaymentNotice, 'signature'>): string {
    return createHmac('sha256', this.secret).update(`${n.paymentId}|${n.providerRef}|${n.amountFen}`).digest('hex');
  }

  verify(n: PaymentNotice): boolean {
    const want = Buffer.from(this.sign(n));
    const got = Buffer.from(n.signature);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}
