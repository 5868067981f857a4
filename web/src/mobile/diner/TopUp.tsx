import { CheckCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, InputNumber, Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { get, post, yuan } from '../../api.ts';
import { t, useLang } from '../../i18n.ts';
import { card, ChoiceButtons, GREEN, PhoneShell, touch } from '../feedback/PhoneShell.tsx';
import { requestKey, type MyAccount } from './api.ts';
import { BalanceCard, useMyAccount } from './DinerHome.tsx';

const PRESETS = [5000, 10000, 20000];
/** The server takes ¥1 to ¥1,000 online in one go. */
const MIN_YUAN = 1, MAX_YUAN = 1000;

/** /m/top-up — choose ¥50 / ¥100 / ¥200 or another amount, then pay at the provider's page. */
export function TopUpPage() {
  useLang();
  const navigate = useNavigate();
  const { account, error: accountError } = useMyAccount();
  const [choice, setChoice] = useState<number | 'other'>(5000);
  const [other, setOther] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per visit to this page: a double tap starts one payment, not two.
  const [key] = useState(() => requestKey('topup'));
  const amountFen = choice === 'other' ? Math.round((other ?? 0) * 100) : choice;
  const valid = amountFen >= MIN_YUAN * 100 && amountFen <= MAX_YUAN * 100;

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ paymentId: string; payUrl: string }>('/api/accounts/me/top-ups', { amountFen, requestKey: `${key}-${amountFen}` });
      // The local provider's page lives here; a real provider's is another site.
      if (r.payUrl.startsWith('/')) navigate(r.payUrl);
      else window.location.href = r.payUrl;
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <PhoneShell title={t('充值', 'Top up')}>
      {accountError && <Alert type="warning" showIcon title={accountError} style={{ marginBottom: 12 }} />}
      {account && <BalanceCard account={account} />}
      <section aria-label={t('充值金额', 'Amount')} style={{ ...card, marginTop: 12 }}>
        <h2 style={{ fontSize: 17, margin: '0 0 10px' }}>{t('充值金额', 'Amount')}</h2>
        <ChoiceButtons label={t('充值金额', 'Amount')} columns={2} value={choice} onChange={setChoice}
          options={[...PRESETS.map((f) => ({ value: f, label: `¥${f / 100}` })), { value: 'other', label: t('其他金额', 'Other') }]} />
        {choice === 'other' && (
          <label style={{ display: 'block', marginTop: 12 }}>
            <span style={{ fontSize: 15, color: '#555' }}>{t(`输入金额（${MIN_YUAN}–${MAX_YUAN} 元）`, `Amount (¥${MIN_YUAN}–${MAX_YUAN})`)}</span>
            <InputNumber autoFocus size="large" inputMode="decimal" min={MIN_YUAN} max={MAX_YUAN} precision={2} prefix="¥" value={other} onChange={(v) => setOther(v)}
              aria-label={t('其他金额', 'Other amount')} style={{ width: '100%', marginTop: 4, fontSize: 20 }} />
          </label>
        )}
        <div style={{ fontSize: 14, color: '#888', marginTop: 10 }}>{t('充值进入现金钱包，可在各食堂消费；补贴由单位按月发放。', 'Top-ups go to the cash wallet, usable in every canteen; the subsidy is credited monthly by your unit.')}</div>
      </section>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      <Button type="primary" block size="large" disabled={!valid || !account} loading={busy} onClick={() => void start()}
        style={{ ...touch, height: 56, fontSize: 18, marginTop: 16 }}>
        {valid ? t(`去支付 ${yuan(amountFen)}`, `Pay ${yuan(amountFen)}`) : t('请选择金额', 'Choose an amount')}
      </Button>
    </PhoneShell>
  );
}

interface Payment { paymentId: string; amountFen: number; status: string; provider: string; createdAt: string; paidAt: string | null }

/**
 * /m/pay/:paymentId — the checkout page of the *local* payment provider, which stands in for a
 * bank's or the government payment platform's page in tests and the demo. Confirming here makes
 * the server sign the provider's notice and credit the account.
 */
export function LocalPayPage() {
  useLang();
  const { paymentId = '' } = useParams();
  const navigate = useNavigate();
  const [payment, setPayment] = useState<Payment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [after, setAfter] = useState<MyAccount | null>(null);

  useEffect(() => { get<Payment>(`/api/accounts/me/top-ups/${encodeURIComponent(paymentId)}`).then(setPayment).catch((e) => setError((e as Error).message)); }, [paymentId]);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/accounts/me/top-ups/${encodeURIComponent(paymentId)}/local-confirm`);
      setPayment(await get<Payment>(`/api/accounts/me/top-ups/${encodeURIComponent(paymentId)}`));
      setAfter(await get<MyAccount>('/api/accounts/me'));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const paid = payment?.status === 'paid';
  return (
    <PhoneShell title={t('支付', 'Payment')} back="/m/top-up">
      <div role="note" style={{ background: '#fff7e6', border: '1px solid #ffd591', color: '#ad4e00', borderRadius: 10, padding: '10px 12px', fontSize: 15, marginBottom: 12, display: 'flex', gap: 8 }}>
        <SafetyCertificateOutlined style={{ fontSize: 18, marginTop: 2 }} />
        <span><b>{t('本地模拟支付（测试用）', 'Local payment provider (test)')}</b><br />{t('此页代替银行或政务支付平台的收银台，不会真实扣款。', 'This page stands in for a bank’s checkout; no real money moves.')}</span>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!payment && !error && <Spin size="large" style={{ display: 'block', marginTop: 60 }} />}
      {payment && !paid && (
        <section aria-label={t('支付订单', 'Payment')} style={{ ...card, textAlign: 'center', padding: '24px 16px' }}>
          <div style={{ fontSize: 15, color: '#666' }}>{t('就餐卡充值', 'Meal card top-up')}</div>
          <div style={{ fontSize: 40, fontWeight: 700, margin: '6px 0' }}>{yuan(payment.amountFen)}</div>
          <div style={{ fontSize: 13, color: '#999', wordBreak: 'break-all' }}>{t('订单号', 'Payment no.')} {payment.paymentId}</div>
          <Button type="primary" block size="large" loading={busy} onClick={() => void confirm()} style={{ ...touch, height: 56, fontSize: 18, marginTop: 20 }}>
            {t('确认支付', 'Confirm payment')}
          </Button>
          <Button block size="large" type="text" onClick={() => navigate('/m/top-up')} style={{ ...touch, marginTop: 8 }}>{t('取消', 'Cancel')}</Button>
        </section>
      )}
      {paid && (
        <Result icon={<CheckCircleFilled style={{ color: GREEN }} />} title={t(`充值成功 ${yuan(payment.amountFen)}`, `Topped up ${yuan(payment.amountFen)}`)}
          subTitle={after ? t(`当前余额 ${yuan(after.balanceFen)}`, `Balance now ${yuan(after.balanceFen)}`) : undefined}
          extra={<Button type="primary" size="large" style={{ ...touch, minWidth: 200 }} onClick={() => navigate('/m')}>{t('返回余额', 'Back to balance')}</Button>} />
      )}
    </PhoneShell>
  );
}
