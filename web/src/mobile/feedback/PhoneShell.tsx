import { LeftOutlined } from '@ant-design/icons';
import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';

export const GREEN = '#1f6f5c';
/** Every tap target on the diners' pages is at least this tall. */
export const touch = { minHeight: 48 };
export const card = { background: '#fff', borderRadius: 12, padding: 14, boxShadow: '0 1px 3px rgba(0,0,0,.06)' } as const;

/** The frame of the diners' survey, feedback and disclosure pages: a green header with a way back and a phone-sized column. */
export function PhoneShell({ title, back = '/m', children, action }: { title: string; back?: string; children: ReactNode; action?: ReactNode }) {
  const { me } = useSession();
  return (
    <ConfigProvider theme={{ token: { fontSize: 16, controlHeight: 48 } }} button={{ autoInsertSpace: false }}>
      <div style={{ minHeight: '100vh', background: '#f4f6f5', maxWidth: 640, margin: '0 auto' }}>
        <style>{'body { margin: 0; background: #f4f6f5; }'}</style>
        <header style={{ background: GREEN, color: '#fff', padding: '4px 8px 10px', position: 'sticky', top: 0, zIndex: 10 }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
            <Link to={back} aria-label={t('返回', 'Back')} style={{ ...touch, minWidth: 48, display: 'grid', placeItems: 'center', color: '#fff', fontSize: 20 }}><LeftOutlined /></Link>
            <h1 style={{ margin: 0, fontSize: 21, fontWeight: 700, flex: 1, minWidth: 0 }}>{title}</h1>
            {action}
          </div>
          <div style={{ fontSize: 14, opacity: 0.85, paddingLeft: 52 }}>{me?.user.name}</div>
        </header>
        <main style={{ padding: '12px 12px 40px' }}>{children}</main>
      </div>
    </ConfigProvider>
  );
}

/** 1–5 stars as five large buttons: a thumb hits a 48 px star, where antd's Rate is 20 px. */
export function StarPicker({ value, onChange, label }: { value?: number; onChange: (v: number) => void; label: string }) {
  const words = [t('很差', 'Poor'), t('较差', 'Fair'), t('一般', 'OK'), t('满意', 'Good'), t('非常满意', 'Excellent')];
  return (
    <div>
      <div role="radiogroup" aria-label={label} style={{ display: 'flex', gap: 4 }}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button key={n} type="button" role="radio" aria-checked={value === n} aria-label={`${n} ${t('星', n > 1 ? 'stars' : 'star')}`} onClick={() => onChange(n)}
            style={{ ...touch, flex: 1, fontSize: 32, lineHeight: 1, background: 'transparent', border: 0, cursor: 'pointer', color: value && n <= value ? '#fadb14' : '#d9d9d9', padding: 0 }}>
            ★
          </button>
        ))}
      </div>
      <div style={{ textAlign: 'center', color: '#666', fontSize: 14, minHeight: 20 }}>{value ? words[value - 1] : t('请点星打分', 'Tap a star')}</div>
    </div>
  );
}

/** Options as full-width buttons, one chosen. */
export function ChoiceButtons({ options, value, onChange, label, columns = 1 }: { options: { value: string | number; label: string }[]; value?: string | number; onChange: (v: any) => void; label: string; columns?: number }) {
  return (
    <div role="radiogroup" aria-label={label} style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, 1fr)`, gap: 8 }}>
      {options.map((o) => {
        const on = o.value === value;
        return (
          <button key={String(o.value)} type="button" role="radio" aria-checked={on} onClick={() => onChange(o.value)}
            style={{ ...touch, fontSize: 16, borderRadius: 10, cursor: 'pointer', padding: '6px 12px', textAlign: columns === 1 ? 'left' : 'center',
              border: `2px solid ${on ? GREEN : '#d9d9d9'}`, background: on ? '#e6f2ee' : '#fff', color: on ? GREEN : '#222', fontWeight: on ? 600 : 400 }}>
            {o.label}
          </button>
        );
      })}
    </div>
  );
}
