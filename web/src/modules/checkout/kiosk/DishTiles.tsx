import { MinusOutlined } from '@ant-design/icons';
import { Empty } from 'antd';
import { useRef } from 'react';
import { yuan } from '../../../api.ts';
import { t } from '../../../i18n.ts';
import { dishPhoto, type BoardDish } from '../api.ts';

const KIND: Record<string, { zh: string; en: string; color: string; bg: string }> = {
  meat: { zh: '荤菜', en: 'Meat', color: '#c0392b', bg: '#fdecea' },
  mixed: { zh: '半荤', en: 'Mixed', color: '#d35400', bg: '#fdf0e6' },
  vegetable: { zh: '素菜', en: 'Veg', color: '#27864a', bg: '#e8f6ee' },
  staple: { zh: '主食', en: 'Staple', color: '#a67c00', bg: '#fbf5e0' },
  soup: { zh: '汤', en: 'Soup', color: '#1f6fb2', bg: '#e7f1fa' },
};
export const kindOf = (k: string) => KIND[k] ?? { zh: k, en: k, color: '#595959', bg: '#f0f0f0' };
export const dishName = (d: { name: string; nameEn: string | null }) => t(d.name, d.nameEn ?? d.name);

/** A long press takes a portion off; this long counts as long. */
const LONG_PRESS_MS = 550;

/**
 * The meal's dishes as big tiles: a tap adds a portion (in weigh mode: weighs it), a long press or
 * the − corner takes one off. The count on the tray shows in the tile's corner.
 */
export function DishTiles({ dishes, counts, weighMode, onTap, onRemove }: {
  dishes: BoardDish[]; counts: Map<number, number>; weighMode: boolean; onTap: (d: BoardDish) => void; onRemove: (d: BoardDish) => void;
}) {
  if (!dishes.length) {
    return <Empty style={{ marginTop: 80 }} description={<span style={{ fontSize: 24 }}>{t('本餐还没有发布的菜单', 'No menu is published for this meal')}</span>} />;
  }
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(176px, 1fr))', gap: 14 }}>
      {dishes.map((d) => <Tile key={d.dishId} d={d} count={counts.get(d.dishId) ?? 0} weighMode={weighMode} onTap={onTap} onRemove={onRemove} />)}
    </div>
  );
}

function Tile({ d, count, weighMode, onTap, onRemove }: { d: BoardDish; count: number; weighMode: boolean; onTap: (d: BoardDish) => void; onRemove: (d: BoardDish) => void }) {
  const press = useRef<{ timer: ReturnType<typeof setTimeout> | null; long: boolean }>({ timer: null, long: false });
  const kind = kindOf(d.kind);
  const start = () => {
    press.current.long = false;
    press.current.timer = setTimeout(() => {
      press.current.long = true;
      if (count > 0) onRemove(d);
    }, LONG_PRESS_MS);
  };
  const stop = () => {
    if (press.current.timer) clearTimeout(press.current.timer);
    press.current.timer = null;
  };
  return (
    <div style={{ position: 'relative' }}>
      <button type="button" aria-label={`${dishName(d)} ${yuan(d.priceFen)}`} data-dish={d.dishId}
        onPointerDown={start} onPointerUp={stop} onPointerLeave={stop} onContextMenu={(e) => e.preventDefault()}
        onClick={() => { if (!press.current.long) onTap(d); press.current.long = false; }}
        style={{
          width: '100%', minHeight: 200, padding: 0, border: `3px solid ${count > 0 ? '#1f6f5c' : '#e4e7e6'}`, borderRadius: 14, overflow: 'hidden',
          background: '#fff', cursor: 'pointer', textAlign: 'left', display: 'flex', flexDirection: 'column', touchAction: 'manipulation', userSelect: 'none',
          boxShadow: count > 0 ? '0 0 0 3px rgba(31,111,92,0.18)' : '0 1px 3px rgba(0,0,0,0.08)',
        }}>
        <div style={{ height: 104, background: kind.bg, width: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', position: 'relative' }}>
          {d.hasPhoto
            ? <img src={dishPhoto(d.dishId)} alt="" draggable={false} style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
            : <span style={{ fontSize: 44, fontWeight: 700, color: kind.color, opacity: 0.85 }}>{d.name.slice(0, 1)}</span>}
          <span style={{ position: 'absolute', left: 8, bottom: 6, background: kind.color, color: '#fff', borderRadius: 6, padding: '0 8px', fontSize: 16 }}>{t(kind.zh, kind.en)}</span>
          {weighMode && <span style={{ position: 'absolute', right: 8, bottom: 6, background: '#d46b08', color: '#fff', borderRadius: 6, padding: '0 8px', fontSize: 16 }}>{t('称重', 'Weigh')}</span>}
        </div>
        <div style={{ padding: '8px 12px 10px', flex: 1, display: 'flex', flexDirection: 'column', justifyContent: 'space-between' }}>
          <span style={{ fontSize: 24, fontWeight: 700, lineHeight: 1.25, color: '#141414' }}>{dishName(d)}</span>
          <span style={{ fontSize: 24, color: '#c0392b', fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
            {yuan(d.priceFen)}<span style={{ fontSize: 16, color: '#8c8c8c', fontWeight: 400 }}> / {t('份', 'portion')} {d.portionG} g</span>
          </span>
        </div>
      </button>
      {count > 0 && (
        <>
          <span aria-label={t(`已选 ${count}`, `${count} on tray`)}
            style={{ position: 'absolute', top: 8, right: 8, minWidth: 48, height: 48, borderRadius: 24, background: '#1f6f5c', color: '#fff', fontSize: 26, fontWeight: 700, display: 'flex', alignItems: 'center', justifyContent: 'center', pointerEvents: 'none' }}>
            {count}
          </span>
          <button type="button" aria-label={t(`减少 ${d.name}`, `One less ${d.nameEn ?? d.name}`)} onClick={() => onRemove(d)}
            style={{ position: 'absolute', top: 0, left: 0, width: 64, height: 64, border: 'none', borderRadius: '14px 0 14px 0', background: 'rgba(20,20,20,0.72)', color: '#fff', fontSize: 28, cursor: 'pointer', touchAction: 'manipulation' }}>
            <MinusOutlined />
          </button>
        </>
      )}
    </div>
  );
}
