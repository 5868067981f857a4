import { CommentOutlined, DesktopOutlined, EyeOutlined, FormOutlined, LockOutlined, LogoutOutlined, QrcodeOutlined, RightOutlined, StopOutlined, UnorderedListOutlined, VideoCameraOutlined, WalletOutlined } from '@ant-design/icons';
import { Alert, Input, Modal, Segmented } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { post } from '../../api.ts';
import { setLang, t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { card, GREEN, touch } from '../feedback/PhoneShell.tsx';
import { storedSex, storeSex, type Sex } from './api.ts';
import { BalanceCard, useMyAccount } from './DinerHome.tsx';
import { TabPage } from './TabBar.tsx';

const row = { ...touch, minHeight: 56, display: 'flex', alignItems: 'center', gap: 12, padding: '0 4px', borderBottom: '1px solid #f0f0f0', fontSize: 17, color: '#222', textDecoration: 'none', width: '100%', background: 'none', border: 0, borderBlockEnd: '1px solid #f0f0f0', cursor: 'pointer', textAlign: 'left' } as const;

function Row({ icon, text, to, onClick, danger, hint }: { icon: ReactNode; text: string; to?: string; onClick?: () => void; danger?: boolean; hint?: string }) {
  const inner = (
    <>
      <span aria-hidden style={{ fontSize: 20, color: danger ? '#cf1322' : GREEN, width: 24, textAlign: 'center' }}>{icon}</span>
      <span style={{ flex: 1, color: danger ? '#cf1322' : '#222' }}>{text}{hint && <span style={{ display: 'block', fontSize: 13, color: '#888' }}>{hint}</span>}</span>
      <RightOutlined aria-hidden style={{ color: '#bbb', fontSize: 14 }} />
    </>
  );
  return to ? <Link to={to} style={row}>{inner}</Link> : <button type="button" onClick={onClick} style={row}>{inner}</button>;
}

/** /m/me — the account, everything else a diner may do with it, and the links to surveys, feedback and disclosure. */
export function MePage() {
  useLang();
  const lang = useLang();
  const navigate = useNavigate();
  const { me, refresh } = useSession();
  const { account, error, reload } = useMyAccount();
  const [sex, setSex] = useState<Sex>(storedSex);
  const [lostOpen, setLostOpen] = useState(false);
  const [freezeOpen, setFreezeOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const desktop = !!me && me.roles.some((r) => r.roleKey !== 'diner');

  const act = async (path: string, body: object | undefined, message: string, close: () => void) => {
    setBusy(true);
    setActionError(null);
    try {
      await post(path, body);
      close();
      setDone(message);
      await reload();
    } catch (e) {
      setActionError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <TabPage title={t('我的', 'Me')} subtitle={me?.user.name}>
      {error && <Alert type="warning" showIcon title={error} style={{ marginBottom: 12 }} />}
      {done && <Alert type="success" showIcon closable title={done} style={{ marginBottom: 12 }} onClose={() => setDone(null)} />}
      {account && <BalanceCard account={account} />}

      <nav aria-label={t('账户', 'Account')} style={{ ...card, padding: '0 12px', marginTop: 12 }}>
        <Row icon={<QrcodeOutlined />} text={t('付款码', 'Pay code')} to="/m/pay-code" />
        <Row icon={<WalletOutlined />} text={t('充值', 'Top up')} to="/m/top-up" />
        <Row icon={<UnorderedListOutlined />} text={t('收支明细', 'Transactions')} to="/m/history" />
        {account?.cardNo && <Row icon={<StopOutlined />} danger text={t('挂失就餐卡', 'Report card lost')} hint={t('卡立即停用，余额保留，补卡请到服务台', 'The card stops at once; the balance stays')} onClick={() => { setActionError(null); setLostOpen(true); }} />}
        {account?.status === 'active' && <Row icon={<LockOutlined />} danger text={t('冻结账户', 'Freeze account')} hint={t('冻结后不能消费，解冻请到服务台', 'No payments until the service desk unfreezes it')} onClick={() => { setActionError(null); setFreezeOpen(true); }} />}
      </nav>

      <nav aria-label={t('服务', 'Services')} style={{ ...card, padding: '0 12px', marginTop: 12 }}>
        <Row icon={<FormOutlined />} text={t('满意度调查', 'Surveys')} to="/m/surveys" />
        <Row icon={<CommentOutlined />} text={t('意见反馈', 'Feedback')} to="/m/feedback" />
        <Row icon={<EyeOutlined />} text={t('阳光公示', 'Public disclosure')} to="/m/disclosure" />
        <Row icon={<VideoCameraOutlined />} text={t('阳光厨房', 'Open kitchen')} to="/m/open-kitchen" />
      </nav>

      <section aria-label={t('设置', 'Settings')} style={{ ...card, marginTop: 12, display: 'grid', gap: 14 }}>
        <div>
          <div style={{ fontSize: 15, color: '#555', marginBottom: 6 }}>{t('营养目标按', 'Nutrition targets for')}</div>
          <Segmented block size="large" value={sex} onChange={(v) => { setSex(v as Sex); storeSex(v as Sex); }}
            options={[{ value: 'male', label: t('男性', 'Men') }, { value: 'female', label: t('女性', 'Women') }]} />
        </div>
        <div>
          <div style={{ fontSize: 15, color: '#555', marginBottom: 6 }}>{t('语言', 'Language')}</div>
          <Segmented block size="large" value={lang} onChange={(v) => setLang(v as 'zh' | 'en')} options={[{ label: '中文', value: 'zh' }, { label: 'English', value: 'en' }]} />
        </div>
      </section>

      <div style={{ ...card, padding: '0 12px', marginTop: 12 }}>
        {desktop && <Row icon={<DesktopOutlined />} text={t('电脑版', 'Desktop')} to="/" />}
        <Row icon={<LogoutOutlined />} text={t('退出登录', 'Sign out')} onClick={async () => { await post('/api/auth/logout'); await refresh(); navigate('/'); }} />
      </div>

      <Modal open={lostOpen} title={t('挂失就餐卡？', 'Report the card lost?')} onCancel={() => setLostOpen(false)} centered
        okText={t('确认挂失', 'Report lost')} cancelText={t('取消', 'Cancel')} okButtonProps={{ danger: true, loading: busy, size: 'large' }} cancelButtonProps={{ size: 'large' }}
        onOk={() => act('/api/accounts/me/lost', undefined, t('已挂失，此卡不能再消费。补卡请带身份证件到食堂服务台。', 'Reported lost: the card no longer pays. Get a new one at the service desk.'), () => setLostOpen(false))}>
        <p style={{ fontSize: 16 }}>{t(`卡号 ${account?.cardNo ?? ''} 将立即停用，任何人都不能再用它消费。余额保留在账户中，补卡后继续使用；手机付款码不受影响。`,
          `Card ${account?.cardNo ?? ''} stops working at once. The balance stays with the account for the new card; the phone pay code still works.`)}</p>
        {actionError && <Alert type="error" showIcon title={actionError} />}
      </Modal>

      <Modal open={freezeOpen} title={t('冻结账户？', 'Freeze the account?')} onCancel={() => setFreezeOpen(false)} centered
        okText={t('确认冻结', 'Freeze')} cancelText={t('取消', 'Cancel')} okButtonProps={{ danger: true, loading: busy, size: 'large', disabled: !reason.trim() }} cancelButtonProps={{ size: 'large' }}
        onOk={() => act('/api/accounts/me/freeze', { reason: reason.trim() }, t('账户已冻结。解冻请到食堂服务台。', 'The account is frozen. The service desk can unfreeze it.'), () => setFreezeOpen(false))}>
        <p style={{ fontSize: 16 }}>{t('冻结后卡和付款码都不能消费，充值仍可到账。只能由服务台解冻。', 'Neither card nor pay code will pay until the service desk unfreezes the account; top-ups still go in.')}</p>
        <Input.TextArea aria-label={t('冻结原因', 'Reason')} placeholder={t('原因，如：手机丢失', 'Reason, e.g. phone lost')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} rows={2} style={{ fontSize: 16 }} />
        {actionError && <Alert type="error" showIcon title={actionError} style={{ marginTop: 10 }} />}
      </Modal>
    </TabPage>
  );
}
