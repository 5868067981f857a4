import { BulbOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Spin } from 'antd';
import { QRCodeSVG } from 'qrcode.react';
import { useCallback, useEffect, useState } from 'react';
import { post, yuan } from '../../api.ts';
import { t, useLang } from '../../i18n.ts';
import { card, GREEN, PhoneShell, touch } from '../feedback/PhoneShell.tsx';
import { useMyAccount } from './DinerHome.tsx';

/** A code is valid for 60 s on the server; a fresh one is fetched before that, so the one on screen always works. */
const REFRESH_SECONDS = 50;

/** /m/pay-code — the pay code the station scans: a QR refreshed every 50 seconds, with the code in small print under it. */
export function PayCodePage() {
  useLang();
  const { account } = useMyAccount();
  const [code, setCode] = useState<{ code: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [left, setLeft] = useState(REFRESH_SECONDS);

  const refresh = useCallback(async () => {
    try {
      setCode(await post<{ code: string; expiresAt: string }>('/api/accounts/me/pay-code'));
      setError(null);
      setLeft(REFRESH_SECONDS);
    } catch (e) {
      setCode(null);
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => { void refresh(); }, [refresh]);
  useEffect(() => {
    const timer = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => { if (left <= 0 && !error) void refresh(); }, [left, error, refresh]);

  return (
    <PhoneShell title={t('付款码', 'Pay code')}>
      <section aria-label={t('付款码', 'Pay code')} style={{ ...card, padding: '20px 16px', textAlign: 'center' }}>
        <div style={{ fontSize: 17, fontWeight: 600 }}>{t('向结算台出示此码', 'Show this code at the checkout')}</div>
        {account && <div style={{ fontSize: 15, color: '#666', marginTop: 2 }}>{account.name} · {t('余额', 'balance')} {yuan(account.balanceFen)}</div>}
        <div style={{ display: 'grid', placeItems: 'center', minHeight: 276, margin: '14px 0 6px' }}>
          {error && <Alert type="error" showIcon title={error} />}
          {!code && !error && <Spin size="large" />}
          {code && (
            <div role="img" aria-label={t('付款二维码', 'Pay QR code')} style={{ padding: 12, background: '#fff', border: '1px solid #eee', borderRadius: 12 }}>
              <QRCodeSVG value={code.code} size={248} level="M" marginSize={0} data-testid="pay-qr" />
            </div>
          )}
        </div>
        {code && (
          <>
            <div data-testid="pay-code-text" style={{ fontSize: 11, color: '#999', wordBreak: 'break-all', fontFamily: 'monospace', padding: '0 8px' }}>{code.code}</div>
            <div style={{ fontSize: 14, color: '#555', marginTop: 8 }}>{t(`${Math.max(left, 0)} 秒后自动刷新`, `Refreshes in ${Math.max(left, 0)} s`)}</div>
          </>
        )}
        <Button size="large" icon={<ReloadOutlined />} onClick={() => void refresh()} style={{ ...touch, marginTop: 12, minWidth: 160 }}>{t('刷新', 'Refresh')}</Button>
      </section>
      <div style={{ ...card, marginTop: 12, display: 'flex', gap: 10, alignItems: 'flex-start', fontSize: 15, color: '#444' }}>
        <BulbOutlined style={{ fontSize: 20, color: GREEN, marginTop: 2 }} />
        <div>
          <div>{t('请把屏幕亮度调高，二维码对准结算台的扫码口。', 'Turn the screen brightness up and hold the code to the scanner.')}</div>
          <div style={{ color: '#888', fontSize: 14, marginTop: 4 }}>{t('付款码一分钟内有效，请勿截图或转发给他人。', 'A code works for one minute; do not screenshot or share it.')}</div>
        </div>
      </div>
    </PhoneShell>
  );
}
