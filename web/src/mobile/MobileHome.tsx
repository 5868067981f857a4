import { Alert, Button, ConfigProvider, Empty, Spin, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { get, post, yuan } from '../api.ts';
import { currentLang, MEALS, mealLabel, t, useLang } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { TAB_BAR_HEIGHT, TabBar } from './diner/TabBar.tsx';

interface Nutrition { energyKcal: number; proteinG: number; fatG: number; carbohydrateG: number; fibreG: number; sodiumMg: number }
interface MenuDish { dishId: number; name: string; nameEn?: string; kind: string; priceFen: number; portionG: number; hasPhoto: boolean; nutrition: Nutrition | null }
interface CanteenMenu { canteenId: number; canteenName: string; meals: { meal: string; dishes: MenuDish[] }[] }

const KIND = {
  meat: { zh: '荤菜', en: 'Meat', color: '#c0392b', bg: '#fdecea' },
  mixed: { zh: '半荤', en: 'Mixed', color: '#d35400', bg: '#fdf0e6' },
  vegetable: { zh: '素菜', en: 'Veg', color: '#27864a', bg: '#e8f6ee' },
  staple: { zh: '主食', en: 'Staple', color: '#a67c00', bg: '#fbf5e0' },
  soup: { zh: '汤', en: 'Soup', color: '#1f6fb2', bg: '#e7f1fa' },
} as Record<string, { zh: string; en: string; color: string; bg: string }>;

const GREEN = '#1f6f5c';
const touch = { minHeight: 48 };

/** The meal likely being served or next up, by the clock. */
function currentMeal(): string {
  const h = dayjs().hour() + dayjs().minute() / 60;
  return h < 9.5 ? 'breakfast' : h < 13.5 ? 'lunch' : h < 19.5 ? 'dinner' : 'late';
}

/** The meal a day's menu opens on: today the one being served or the next one published, another day the first. */
function openingMeal(meals: string[], today: boolean): string | undefined {
  if (!today) return meals[0];
  const order = (m: string) => MEALS.findIndex((x) => x.value === m);
  const now = order(currentMeal());
  return meals.find((m) => order(m) >= now) ?? meals[meals.length - 1];
}

/** Days one can look ahead: today and the six after it. */
const WEEK = 7;
const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const dayName = (d: number) => (d === 0 ? t('今天', 'Today') : d === 1 ? t('明天', 'Tomorrow') : t(WEEKDAY[dayjs().add(d, 'day').day()]!, WEEKDAY_EN[dayjs().add(d, 'day').day()]!));

/** /m/menu (and /m for staff) — the published menu on a phone: the next seven days, per canteen and meal, with price and nutrition. */
export function MobileHome() {
  useLang();
  const { me, refresh, can } = useSession();
  const [day, setDay] = useState(0);
  const { pathname } = useLocation();
  const [data, setData] = useState<CanteenMenu[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [canteen, setCanteen] = useState<string>(() => localStorage.getItem('m.canteen') ?? '');
  // The meal the diner picked; kept while it is on the menu shown (another day, another canteen).
  const [picked, setPicked] = useState<string | null>(null);
  // A shared link may name a day (/m?date=2026-12-01); otherwise today or tomorrow.
  const [params] = useSearchParams();
  const linked = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : null;
  const date = linked ?? dayjs().add(day, 'day').format('YYYY-MM-DD');

  useEffect(() => {
    setData(null);
    setError(null);
    get<CanteenMenu[]>(`/api/menu/published?date=${date}`).then(setData).catch((e) => setError((e as Error).message));
  }, [date]);

  const list = data ?? [];
  const chosen = list.find((c) => String(c.canteenId) === canteen) ?? list.find((c) => c.meals.length) ?? list[0];
  const pick = (id: string) => { setCanteen(id); localStorage.setItem('m.canteen', id); };
  // Staff have desktop pages; a diner only has these phone pages.
  const desktop = !!me && me.roles.some((r) => r.roleKey !== 'diner');
  const now = currentMeal();
  const today = !linked ? day === 0 : linked === dayjs().format('YYYY-MM-DD');
  const meals = chosen?.meals ?? [];
  const shown = meals.find((m) => m.meal === picked) ?? meals.find((m) => m.meal === openingMeal(meals.map((x) => x.meal), today));
  // A diner moves between the app's tabs; staff only look at the menu.
  const diner = can('account.self.use');

  return (
    <ConfigProvider theme={{ token: { fontSize: 16, controlHeight: 48 } }} button={{ autoInsertSpace: false }}>
      <div style={{ minHeight: '100vh', background: '#f4f6f5', maxWidth: 640, margin: '0 auto', paddingBottom: diner ? TAB_BAR_HEIGHT : 0 }}>
        <style>{'body { margin: 0; background: #f4f6f5; }'}</style>
        <header style={{ background: GREEN, color: '#fff', padding: '10px 14px 12px' }}>
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
            <h1 style={{ margin: 0, fontSize: 21, fontWeight: 700 }}>{day === 0 ? t('今日菜谱', "Today's menu") : day === 1 ? t('明日菜谱', "Tomorrow's menu") : t(`${dayName(day)}菜谱`, `Menu for ${dayName(day)}`)}</h1>
            <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
              {desktop && <Link to="/" style={{ color: '#fff', padding: '12px 6px', fontSize: 15 }}>{t('电脑版', 'Desktop')}</Link>}
              <Button ghost style={{ ...touch, color: '#fff', borderColor: 'rgba(255,255,255,.7)' }}
                onClick={async () => { await post('/api/auth/logout'); await refresh(); }}>{t('退出', 'Sign out')}</Button>
            </div>
          </div>
          <div style={{ fontSize: 14, opacity: 0.85, marginTop: 2 }}>{me?.user.name}</div>
          {linked && (
            <div style={{ ...touch, marginTop: 10, display: 'flex', alignItems: 'center', justifyContent: 'space-between', fontSize: 18 }}>
              <span>{dayjs(linked).format(t('YYYY年M月D日 dddd', 'dddd D MMM YYYY'))}</span>
              <Link to={pathname} style={{ color: '#fff', textDecoration: 'underline' }}>{t('看今天', 'Today')}</Link>
            </div>
          )}
          {!linked && (
            <div role="tablist" aria-label={t('日期', 'Day')} style={{ display: 'grid', gridTemplateColumns: `repeat(${WEEK}, 1fr)`, gap: 4, marginTop: 10 }}>
              {Array.from({ length: WEEK }, (_, d) => {
                const on = d === day;
                return (
                  <button key={d} type="button" role="tab" aria-selected={on} onClick={() => setDay(d)}
                    style={{ ...touch, minHeight: 56, padding: '4px 0', borderRadius: 10, border: 0, cursor: 'pointer', lineHeight: 1.25,
                      background: on ? '#fff' : 'rgba(255,255,255,.14)', color: on ? GREEN : '#fff', fontWeight: on ? 700 : 400 }}>
                    <div style={{ fontSize: 14 }}>{dayName(d)}</div>
                    <div style={{ fontSize: 17 }}>{dayjs().add(d, 'day').format('D')}</div>
                  </button>
                );
              })}
            </div>
          )}
        </header>

        {error && <Alert type="error" showIcon title={error} style={{ margin: 12 }} />}
        {!data && !error && <Spin size="large" style={{ display: 'block', marginTop: 80 }} />}
        {data && list.length === 0 && <Empty style={{ marginTop: 60 }} description={t('没有可查看的食堂', 'No canteens to show')} />}

        {chosen && (
          <>
            {list.length > 1 && (
              <Tabs activeKey={String(chosen.canteenId)} onChange={pick} size="large" style={{ background: '#fff', padding: '0 8px' }}
                items={list.map((c) => ({ key: String(c.canteenId), label: <span style={{ display: 'inline-block', padding: '4px 2px', fontSize: 16 }}>{c.canteenName}</span> }))} />
            )}
            {list.length === 1 && <div style={{ background: '#fff', padding: '12px 16px', fontSize: 17, fontWeight: 600 }}>{chosen.canteenName}</div>}
            {chosen.meals.length === 0 ? (
              <Empty style={{ marginTop: 48, padding: '0 24px' }}
                description={day === 0 ? t('今天的菜单还没有发布', "Today's menu is not published yet") : t(`${dayName(day)}（${dayjs(date).format('M月D日')}）的菜单还没有发布`, `The menu for ${dayjs(date).format('ddd D MMM')} is not published yet`)} />
            ) : (
              <main style={{ padding: '0 12px 32px' }}>
                {/* One meal at a time, opening on the one being served: no scrolling past breakfast at dinner time. */}
                {meals.length > 1 && (
                  <nav role="tablist" aria-label={t('餐次', 'Meals')} style={{ position: 'sticky', top: 0, zIndex: 5, background: '#f4f6f5', display: 'flex', gap: 8, padding: '10px 0', overflowX: 'auto' }}>
                    {meals.map((m) => (
                      <Button key={m.meal} role="tab" aria-selected={m === shown} shape="round" type={m === shown ? 'primary' : 'default'} style={{ ...touch, minWidth: 72, fontSize: 16 }}
                        onClick={() => setPicked(m.meal)}>
                        {mealLabel(m.meal)}
                      </Button>
                    ))}
                  </nav>
                )}
                {shown && (
                  <section role="tabpanel" aria-label={mealLabel(shown.meal)} style={{ marginTop: 16 }}>
                    <h2 style={{ fontSize: 19, margin: '0 4px 10px', display: 'flex', alignItems: 'center', gap: 8 }}>
                      {mealLabel(shown.meal)}
                      <span style={{ fontSize: 14, fontWeight: 400, color: '#777' }}>{t(`${shown.dishes.length} 道`, `${shown.dishes.length} dishes`)}</span>
                      {today && shown.meal === now && <Tag color="green" style={{ marginLeft: 'auto' }}>{t('当前餐次', 'Now')}</Tag>}
                    </h2>
                    <div style={{ display: 'grid', gap: 10 }}>
                      {shown.dishes.map((d) => <DishCard key={d.dishId} dish={d} />)}
                    </div>
                  </section>
                )}
                <p style={{ color: '#888', fontSize: 13, textAlign: 'center', marginTop: 24 }}>
                  {t('营养成分按每份标准菜谱计算，仅供参考。', 'Nutrition is per standard portion and for guidance only.')}
                </p>
              </main>
            )}
          </>
        )}
        {!can('menu.published.read') && <Alert type="warning" showIcon title={t('您没有查看菜谱的权限', 'You may not view menus')} style={{ margin: 12 }} />}
        {diner && <TabBar />}
      </div>
    </ConfigProvider>
  );
}

function DishCard({ dish }: { dish: MenuDish }) {
  const k = KIND[dish.kind] ?? { zh: dish.kind, en: dish.kind, color: '#555', bg: '#eee' };
  const n = dish.nutrition;
  const g = (v: number) => `${v < 10 ? Number(v.toFixed(1)) : Math.round(v)}${t('克', 'g')}`;
  return (
    <article style={{ display: 'flex', gap: 12, background: '#fff', borderRadius: 12, padding: 10, boxShadow: '0 1px 3px rgba(0,0,0,.06)', minHeight: 96 }}>
      {dish.hasPhoto ? (
        <img src={`/api/dishes/${dish.dishId}/photo`} alt={dish.name} loading="lazy" style={{ width: 92, height: 92, borderRadius: 10, objectFit: 'cover', flex: 'none' }} />
      ) : (
        <div aria-hidden style={{ width: 92, height: 92, borderRadius: 10, flex: 'none', background: k.bg, color: k.color, display: 'grid', placeItems: 'center', fontSize: 34, fontWeight: 700 }}>
          {dish.name.slice(0, 1)}
        </div>
      )}
      <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 4 }}>
        <div style={{ display: 'flex', alignItems: 'flex-start', gap: 8 }}>
          <h3 style={{ margin: 0, fontSize: 18, fontWeight: 600, flex: 1, minWidth: 0, lineHeight: 1.3 }}>{dish.name}{currentLang() === 'en' && dish.nameEn && <span style={{ display: 'block', fontSize: 14, fontWeight: 400, color: '#777' }}>{dish.nameEn}</span>}</h3>
          <span style={{ fontSize: 19, fontWeight: 700, color: '#d4380d', whiteSpace: 'nowrap' }}>{yuan(dish.priceFen)}</span>
        </div>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, fontSize: 14, color: '#555' }}>
          <span style={{ color: k.color, background: k.bg, borderRadius: 4, padding: '0 6px' }}>{t(k.zh, k.en)}</span>
          {n && <span><b style={{ color: '#222' }}>{Math.round(n.energyKcal)}</b> {t('千卡', 'kcal')}</span>}
          <span style={{ color: '#888' }}>{dish.portionG}{t('克/份', ' g')}</span>
        </div>
        {n && (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 12px', fontSize: 14, color: '#555' }}>
            <span>{t('蛋白质', 'Protein')} {g(n.proteinG)}</span>
            <span>{t('脂肪', 'Fat')} {g(n.fatG)}</span>
            <span>{t('碳水', 'Carbs')} {g(n.carbohydrateG)}</span>
          </div>
        )}
      </div>
    </article>
  );
}
