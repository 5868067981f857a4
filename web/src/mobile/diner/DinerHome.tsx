import { CalendarOutlined, HeartOutlined, QrcodeOutlined, ReadOutlined, RightOutlined, UnorderedListOutlined, VideoCameraOutlined, WalletOutlined } from '@ant-design/icons';
import { Alert, Button, Spin, Tag } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { get, post, yuan } from '../../api.ts';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { card, GREEN, touch } from '../feedback/PhoneShell.tsx';
import { ACCOUNT_STATUS, label, type HistoryRow, type MyAccount } from './api.ts';
import { HistoryItem } from './History.tsx';
import { TabPage } from './TabBar.tsx';

/** The diner's own account, reloaded on demand (after a top-up, a lost card …). */
export function useMyAccount() {
  const [account, setAccount] = useState<MyAccount | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => get<MyAccount>('/api/accounts/me').then((a) => { setAccount(a); setError(null); }).catch((e) => setError((e as Error).message)), []);
  useEffect(() => { void reload(); }, [reload]);
  return { account, error, reload };
}

/** The balance card: total, the two wallets, card number and state. */
export function BalanceCard({ account }: { account: MyAccount }) {
  const lost = !account.cardNo;
  return (
    <section aria-label={t('账户余额', 'Balance')} style={{ ...card, padding: 18, background: `linear-gradient(135deg, ${GREEN}, #2e8f77)`, color: '#fff' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <span style={{ fontSize: 15, opacity: 0.9 }}>{t('账户余额（元）', 'Balance')}</span>
        <Tag color={account.status === 'active' ? 'green' : 'red'} style={{ marginInlineEnd: 0, fontSize: 14 }}>{label(ACCOUNT_STATUS, account.status)}</Tag>
      </div>
      <div data-testid="balance-total" style={{ fontSize: 40, fontWeight: 700, lineHeight: 1.2, margin: '6px 0 12px', fontVariantNumeric: 'tabular-nums' }}>{yuan(account.balanceFen)}</div>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 10 }}>
        <div style={{ background: 'rgba(255,255,255,.14)', borderRadius: 10, padding: '8px 12px' }}>
          <div style={{ fontSize: 13, opacity: 0.85 }}>{t('现金钱包', 'Cash wallet')}</div>
          <div data-testid="balance-cash" style={{ fontSize: 20, fontWeight: 600 }}>{yuan(account.cashFen)}</div>
        </div>
        <div style={{ background: 'rgba(255,255,255,.14)', borderRadius: 10, padding: '8px 12px' }}>
          <div style={{ fontSize: 13, opacity: 0.85 }}>{t('补贴钱包', 'Subsidy wallet')}</div>
          <div data-testid="balance-subsidy" style={{ fontSize: 20, fontWeight: 600 }}>{yuan(account.subsidyFen)}</div>
        </div>
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 12, fontSize: 14, opacity: 0.92 }}>
        <span>{t('卡号', 'Card')} {lost ? t('无在用卡（已挂失）', 'none in use (reported lost)') : account.cardNo}</span>
        <span>{t(account.category.nameZh, account.category.nameEn)}</span>
      </div>
    </section>
  );
}

function Action({ to, icon, text, primary }: { to: string; icon: ReactNode; text: string; primary?: boolean }) {
  return (
    <Link to={to} style={{ ...card, ...touch, padding: '14px 6px', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 6, textDecoration: 'none',
      color: primary ? '#fff' : '#222', background: primary ? GREEN : '#fff', minHeight: 88 }}>
      <span aria-hidden style={{ fontSize: 28, color: primary ? '#fff' : GREEN, lineHeight: 1 }}>{icon}</span>
      <span style={{ fontSize: 16, fontWeight: 600 }}>{text}</span>
    </Link>
  );
}

/** /m for a diner: the balance, the things one does most, and the last few transactions. */
export function DinerHome() {
  useLang();
  const { me, refresh } = useSession();
  const { account, error } = useMyAccount();
  const [recent, setRecent] = useState<HistoryRow[] | null>(null);
  useEffect(() => { get<HistoryRow[]>('/api/accounts/me/history?limit=3').then(setRecent).catch(() => setRecent([])); }, []);

  return (
    <TabPage title={t('智慧食堂', 'Canteen')} subtitle={me ? `${me.user.name}${account?.unitName ? ` · ${account.unitName}` : ''}` : undefined}
      action={<Button ghost style={{ ...touch, color: '#fff', borderColor: 'rgba(255,255,255,.7)' }} onClick={async () => { await post('/api/auth/logout'); await refresh(); }}>{t('退出', 'Sign out')}</Button>}>
      {error && <Alert type="warning" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!account && !error && <Spin size="large" style={{ display: 'block', margin: '60px auto' }} />}
      {account && <BalanceCard account={account} />}
      {account?.status === 'frozen' && <Alert type="error" showIcon style={{ marginTop: 10 }} title={t('账户已冻结，暂不能消费；请到食堂服务台解冻。', 'The account is frozen and cannot pay; unfreeze it at the service desk.')} />}

      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 10, marginTop: 12 }}>
        <Action to="/m/pay-code" icon={<QrcodeOutlined />} text={t('付款码', 'Pay code')} primary />
        <Action to="/m/top-up" icon={<WalletOutlined />} text={t('充值', 'Top up')} />
        <Action to="/m/history" icon={<UnorderedListOutlined />} text={t('收支明细', 'History')} />
        <Action to="/m/menu" icon={<ReadOutlined />} text={t('菜谱', 'Menu')} />
        <Action to="/m/orders" icon={<CalendarOutlined />} text={t('订餐', 'Order meals')} />
        <Action to="/m/nutrition" icon={<HeartOutlined />} text={t('营养', 'Nutrition')} />
      </div>
      <Link to="/m/open-kitchen" style={{ ...card, ...touch, marginTop: 10, display: 'flex', alignItems: 'center', gap: 12, textDecoration: 'none', color: '#222' }}>
        <VideoCameraOutlined style={{ fontSize: 26, color: GREEN }} />
        <span style={{ flex: 1 }}>
          <b style={{ fontSize: 17 }}>{t('阳光厨房', 'Open kitchen')}</b>
          <span style={{ display: 'block', fontSize: 14, color: '#666' }}>{t('今日留样、后厨自查照片和直播', "Today's samples, kitchen inspection photos, live view")}</span>
        </span>
        <RightOutlined style={{ color: '#999' }} />
      </Link>

      <h2 style={{ fontSize: 18, margin: '20px 4px 8px', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        {t('最近收支', 'Recent')}
        <Link to="/m/history" style={{ ...touch, display: 'flex', alignItems: 'center', fontSize: 15, fontWeight: 400, color: GREEN }}>{t('全部明细 ›', 'All ›')}</Link>
      </h2>
      <div style={{ ...card, padding: '0 14px' }}>
        {recent === null && <Spin style={{ display: 'block', padding: 20 }} />}
        {recent?.length === 0 && <div style={{ padding: '16px 0', color: '#888' }}>{t('还没有收支记录', 'No transactions yet')}</div>}
        {recent?.map((r) => <HistoryItem key={r.id} row={r} />)}
      </div>
    </TabPage>
  );
}
