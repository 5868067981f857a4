import { Alert, Button, ConfigProvider, Segmented, Spin } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { post } from '../../../api.ts';
import { setLang, t, useLang } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { checkoutApi, type Station } from '../api.ts';
import { Kiosk, type StationChoice } from './Kiosk.tsx';

const CHOICE_KEY = 'kiosk.station';
const GREEN = '#1f6f5c';

function savedChoice(): StationChoice | null {
  try {
    return JSON.parse(localStorage.getItem(CHOICE_KEY) ?? 'null') as StationChoice | null;
  } catch {
    return null;
  }
}

/**
 * /kiosk — the checkout station, full screen outside the desktop layout. On first run the cashier
 * picks the canteen and the station; the choice stays on this machine.
 */
export function KioskPage() {
  const lang = useLang();
  const { me, can, refresh } = useSession();
  const navigate = useNavigate();
  const [choice, setChoice] = useState<StationChoice | null>(() => savedChoice());
  const valid = choice && me?.canteens.some((c) => c.id === choice.canteenId) ? choice : null;

  const header = (
    <>
      <Segmented size="large" value={lang} onChange={(v) => setLang(v as 'zh' | 'en')} options={[{ label: '中文', value: 'zh' }, { label: 'EN', value: 'en' }]} />
      <Button size="large" onClick={async () => { await post('/api/auth/logout'); await refresh(); navigate('/'); }} style={{ height: 56, fontSize: 20 }}>{t('退出', 'Sign out')}</Button>
    </>
  );

  return (
    <ConfigProvider theme={{ token: { fontSize: 18, controlHeight: 56, colorPrimary: GREEN } }} button={{ autoInsertSpace: false }}>
      <style>{'body { margin: 0; background: #eef1f0; }'}</style>
      {!can('checkout.sale.write') ? (
        <div style={{ padding: 48 }}>
          <Alert type="warning" showIcon style={{ fontSize: 24 }} title={t('当前账号不是收银员，不能使用结算台', 'This sign-in is not a cashier and cannot use the checkout station')} />
          <div style={{ marginTop: 24, display: 'flex', gap: 12 }}>{header}</div>
        </div>
      ) : valid ? (
        <Kiosk key={`${valid.canteenId}-${valid.stationId}`} station={valid} header={header} onChangeStation={() => setChoice(null)} />
      ) : (
        <StationSetup header={header} onChosen={(c) => { localStorage.setItem(CHOICE_KEY, JSON.stringify(c)); setChoice(c); }} />
      )}
    </ConfigProvider>
  );
}

/** First run: which canteen, which station — big buttons, nothing to type. */
function StationSetup({ header, onChosen }: { header: ReactNode; onChosen: (c: StationChoice) => void }) {
  const { me } = useSession();
  const canteens = me?.canteens ?? [];
  const [canteenId, setCanteenId] = useState<number | null>(canteens.length === 1 ? canteens[0]!.id : null);
  const [stations, setStations] = useState<Station[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setStations(null);
    setError(null);
    if (canteenId) checkoutApi.stations(canteenId).then((s) => setStations(s.filter((x) => x.active)), (e: Error) => setError(e.message));
  }, [canteenId]);
  const canteen = canteens.find((c) => c.id === canteenId);
  const big = { height: 96, fontSize: 28, minWidth: 320, justifyContent: 'flex-start' } as const;
  return (
    <div style={{ minHeight: '100vh' }}>
      <header style={{ background: GREEN, color: '#fff', display: 'flex', alignItems: 'center', gap: 16, padding: '0 16px', minHeight: 72 }}>
        <span style={{ fontSize: 28, fontWeight: 700 }}>{t('智能结算台 · 首次设置', 'Checkout station · first run')}</span>
        <span style={{ marginLeft: 'auto', display: 'flex', gap: 10 }}>{header}</span>
      </header>
      <div style={{ padding: 32, maxWidth: 1100 }}>
        <h2 style={{ fontSize: 30, margin: '0 0 16px' }}>{t('1. 选择食堂', '1. Choose the canteen')}</h2>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
          {canteens.map((c) => (
            <Button key={c.id} size="large" type={c.id === canteenId ? 'primary' : 'default'} onClick={() => setCanteenId(c.id)} style={big}>{c.name}</Button>
          ))}
        </div>
        {canteen && (
          <>
            <h2 style={{ fontSize: 30, margin: '32px 0 16px' }}>{t('2. 选择结算台', '2. Choose the station')}</h2>
            {error && <Alert type="error" showIcon title={error} style={{ fontSize: 22 }} />}
            {!stations && !error && <Spin size="large" />}
            {stations?.length === 0 && <Alert type="info" showIcon style={{ fontSize: 22 }} title={t('本食堂还没有结算台，请食堂负责人在“结算管理”中添加', 'This canteen has no station yet: the canteen head adds one under “Checkout”')} />}
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
              {stations?.map((s) => (
                <Button key={s.id} size="large" onClick={() => onChosen({ canteenId: canteen.id, canteenName: canteen.name, stationId: s.id, stationName: s.name, stationCode: s.code, scaleCode: s.scaleCode })} style={big}>
                  {s.name}<span style={{ fontSize: 20, opacity: 0.7, marginLeft: 12 }}>{s.code}</span>
                </Button>
              ))}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
