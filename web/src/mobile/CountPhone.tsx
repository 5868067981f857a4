import { ConfigProvider, Select } from 'antd';
import { Link, Route, Routes } from 'react-router-dom';
import { post } from '../api.ts';
import { t, useLang } from '../i18n.ts';
import { CountList } from '../modules/stock/CountList.tsx';
import { CountSheetRoute } from '../modules/stock/CountPage.tsx';
import { useSession } from '../session.tsx';

const GREEN = '#1f6f5c';

/** /m/count and /m/count/:id — the stock count on a phone in the store: big inputs, one batch per card. */
export function CountPhone() {
  useLang();
  const { me, can, canteenId, setCanteenId, refresh } = useSession();
  const allowed = can('stock.count.write') || can('stock.count.approve') || can('stock.stock.read');
  return (
    <ConfigProvider theme={{ token: { fontSize: 16, controlHeight: 48 } }} button={{ autoInsertSpace: false }}>
      <div style={{ minHeight: '100vh', background: '#f4f6f5', maxWidth: 900, margin: '0 auto' }}>
        <style>{'body { margin: 0; background: #f4f6f5; }'}</style>
        <header style={{ background: GREEN, color: '#fff', padding: '10px 14px 12px' }}>
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
            <h1 style={{ margin: 0, fontSize: 21, fontWeight: 700 }}><Link to="/m/count" style={{ color: '#fff' }}>{t('盘点', 'Stock count')}</Link></h1>
            <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
              <Link to="/stock/counts" style={{ color: '#fff', padding: '12px 8px', fontSize: 15 }}>{t('电脑版', 'Desktop')}</Link>
              <button type="button" onClick={async () => { await post('/api/auth/logout'); await refresh(); }}
                style={{ minHeight: 44, padding: '0 12px', color: '#fff', background: 'transparent', border: '1px solid rgba(255,255,255,.7)', borderRadius: 8, fontSize: 15 }}>
                {t('退出', 'Sign out')}
              </button>
            </div>
          </div>
          <div style={{ fontSize: 14, opacity: 0.85, marginTop: 2 }}>{me?.user.name}{me && me.canteens.length === 1 ? ` · ${me.canteens[0]!.name}` : ''}</div>
          {me && me.canteens.length > 1 && (
            <Select aria-label={t('食堂', 'Canteen')} value={canteenId ?? undefined} onChange={setCanteenId} style={{ width: '100%', marginTop: 8 }}
              options={me.canteens.map((c) => ({ value: c.id, label: c.name }))} />
          )}
        </header>
        <main style={{ padding: 12 }}>
          {!allowed || !canteenId ? (
            <p style={{ fontSize: 17, padding: 24, textAlign: 'center' }}>{t('您没有盘点的权限。', 'You may not do stock counts.')}</p>
          ) : (
            <Routes>
              <Route index element={<CountList key={canteenId} canteenId={canteenId} base="/m/count" phone />} />
              <Route path=":id" element={<CountSheetRoute base="/m/count" bare />} />
            </Routes>
          )}
        </main>
      </div>
    </ConfigProvider>
  );
}
