import { Alert, Empty, Progress, Segmented, Spin, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { get } from '../../api.ts';
import { mealLabel, t, useLang } from '../../i18n.ts';
import { Chart } from '../../modules/report/chart.tsx';
import { card, GREEN } from '../feedback/PhoneShell.tsx';
import { storedSex, storeSex, type DayNutrition, type Level, type MyNutrition, type Sex } from './api.ts';
import { TabPage } from './TabBar.tsx';

const h2 = { fontSize: 18, margin: '18px 4px 8px', display: 'flex', alignItems: 'baseline', gap: 8 } as const;
const COLOR: Record<Level, string> = { ok: '#27864a', low: '#d48806', high: '#cf1322' };
const pct = (v: number, of: number) => (of > 0 ? Math.round((v / of) * 100) : 0);
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function levelText(k: 'energy' | 'protein' | 'fat' | 'carbohydrate' | 'sodium', l: Level) {
  if (l === 'ok') return k === 'sodium' ? t('未超标', 'within limit') : t('达标', 'on target');
  if (k === 'sodium') return t('超标', 'too much');
  return l === 'low' ? t('偏低', 'low') : t('偏高', 'high');
}

function Ring({ kind, title, value, target, unit, level }: { kind: 'energy' | 'protein' | 'sodium'; title: string; value: number; target: number; unit: string; level: Level }) {
  const p = pct(value, target);
  return (
    <div style={{ textAlign: 'center' }} role="group" aria-label={title}>
      <Progress type="circle" size={96} percent={Math.min(p, 100)} strokeColor={COLOR[level]} strokeWidth={9}
        format={() => <span style={{ fontSize: 19, fontWeight: 700, color: '#222' }}>{p}%</span>} />
      <div style={{ fontSize: 16, fontWeight: 600, marginTop: 4 }}>{title}</div>
      <div style={{ fontSize: 13, color: '#666' }}>{Math.round(value)}/{Math.round(target)} {unit}</div>
      <Tag color={level === 'ok' ? 'green' : level === 'low' ? 'gold' : 'red'} style={{ marginTop: 4, marginInlineEnd: 0 }}>{levelText(kind, level)}</Tag>
    </div>
  );
}

/** Plain sentences about the week: per meal, on how many days energy and protein were met, and where fat or salt ran over. */
function weekSentences(n: MyNutrition): { text: string; good: boolean }[] {
  const out: { text: string; good: boolean }[] = [];
  for (const s of n.summary) {
    const meal = mealLabel(s.meal);
    if (!n.intake.mealSharePct[s.meal]) continue;
    out.push({ text: t(`本周${meal}蛋白质达标 ${s.met.protein}/${s.days} 天`, `${meal} this week: protein met on ${s.met.protein} of ${s.days} days`), good: s.met.protein * 2 >= s.days });
    out.push({ text: t(`本周${meal}能量适宜 ${s.met.energy}/${s.days} 天`, `${meal} this week: energy about right on ${s.met.energy} of ${s.days} days`), good: s.met.energy * 2 >= s.days });
    const taken = n.days.flatMap((d) => d.meals.filter((m) => m.meal === s.meal && m.status));
    const fatHigh = taken.filter((m) => m.status!.fat === 'high').length;
    if (fatHigh > 0) out.push({ text: t(`${meal}脂肪偏高 ${fatHigh} 天，可多选蒸、煮、凉拌的菜`, `${meal}: fat high on ${fatHigh} days — pick steamed, boiled or cold dishes`), good: false });
    const salty = s.days - s.met.sodium;
    if (salty > 0) out.push({ text: t(`${meal}钠（盐）超标 ${salty} 天，少喝汤、少选腌制和红烧菜`, `${meal}: too much sodium (salt) on ${salty} days — less soup, pickled and braised dishes`), good: false });
  }
  return out;
}

/** /m/nutrition — what I ate at the canteens today and this week, against what a day should bring, in rings, bars and plain words. */
export function NutritionPage() {
  useLang();
  const [sex, setSex] = useState<Sex>(storedSex);
  const [data, setData] = useState<MyNutrition | null>(null);
  const [error, setError] = useState<string | null>(null);
  const today = dayjs().format('YYYY-MM-DD');
  const monday = dayjs().subtract((dayjs().day() + 6) % 7, 'day');
  const from = monday.format('YYYY-MM-DD');

  useEffect(() => {
    setError(null);
    get<MyNutrition>(`/api/checkout/my-nutrition?from=${from}&to=${today}&sex=${sex}`).then(setData).catch((e) => setError((e as Error).message));
  }, [from, today, sex]);

  const pickSex = (s: Sex) => { setSex(s); storeSex(s); };
  const todays = data?.days.find((d) => d.date === today);
  const week = Array.from({ length: 7 }, (_, i) => monday.add(i, 'day'));

  return (
    <TabPage title={t('营养', 'Nutrition')} subtitle={t('我在食堂吃了什么', 'What I ate at the canteens')}
      action={<Segmented value={sex} onChange={(v) => pickSex(v as Sex)} aria-label={t('营养目标按', 'Targets for')}
        options={[{ value: 'male', label: <span style={{ padding: '0 6px' }}>{t('男', 'M')}</span> }, { value: 'female', label: <span style={{ padding: '0 6px' }}>{t('女', 'F')}</span> }]} />}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!data && !error && <Spin size="large" style={{ display: 'block', marginTop: 80 }} />}
      {data && (
        <>
          <h2 style={{ ...h2, marginTop: 4 }}>{t('今天', 'Today')}<span style={{ fontSize: 14, fontWeight: 400, color: '#888' }}>{dayjs().format(t('M月D日', 'D MMM'))}</span></h2>
          {todays ? <Today day={todays} intake={data.intake} /> : (
            <div style={{ ...card, color: '#666', fontSize: 15 }}>
              {t('今天还没有在食堂结算的记录。在结算台刷卡或出示付款码后，这里会显示吃到的营养。', 'Nothing paid at a canteen today yet. Meals paid by card or pay code show up here.')}
              <div style={{ marginTop: 8 }}><Link to="/m/menu" style={{ color: GREEN }}>{t('看看今日菜谱 ›', "See today's menu ›")}</Link></div>
            </div>
          )}

          <h2 style={h2}>{t('本周', 'This week')}<span style={{ fontSize: 14, fontWeight: 400, color: '#888' }}>{monday.format(t('M月D日', 'D MMM'))}–{dayjs().format(t('M月D日', 'D MMM'))}</span></h2>
          {data.days.length === 0 ? <Empty style={{ ...card, margin: 0 }} description={t('本周还没有就餐记录', 'No meals this week yet')} /> : (
            <>
              <section aria-label={t('本周小结', 'Week summary')} style={{ ...card, display: 'grid', gap: 8 }}>
                {weekSentences(data).map((s) => (
                  <div key={s.text} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', fontSize: 16 }}>
                    <span aria-hidden style={{ color: s.good ? COLOR.ok : COLOR.low, fontSize: 18, lineHeight: 1.3 }}>{s.good ? '✓' : '!'}</span>
                    <span>{s.text}</span>
                  </div>
                ))}
              </section>
              <section style={{ ...card, marginTop: 10, padding: '12px 6px 4px' }}>
                <div style={{ fontSize: 15, fontWeight: 600, padding: '0 8px' }}>{t('每天占目标的百分比', 'Each day as % of target')}</div>
                <Chart height={240} label={t('本周每天能量、蛋白质和钠占目标的百分比', 'Energy, protein and sodium per day as % of target')} option={weekOption(data.days, week)} />
              </section>
            </>
          )}
          <p style={{ color: '#888', fontSize: 13, margin: '16px 4px 0', lineHeight: 1.6 }}>
            {t(`目标按《中国居民膳食营养素参考摄入量》轻体力活动成年${sex === 'male' ? '男性' : '女性'}：全天能量 ${data.intake.day.energyKcal} 千卡、蛋白质 ${data.intake.day.proteinG} 克，脂肪占能量 ${data.intake.fatEnergyPct[0]}–${data.intake.fatEnergyPct[1]}%，碳水化合物 ${data.intake.carbohydrateEnergyPct[0]}–${data.intake.carbohydrateEnergyPct[1]}%，钠不超过 ${data.intake.sodiumMg} 毫克（盐 5 克）。食堂各餐按早餐 ${data.intake.mealSharePct.breakfast}%、午餐 ${data.intake.mealSharePct.lunch}%、晚餐 ${data.intake.mealSharePct.dinner}% 计算。按标准菜谱估算，仅供参考。`,
              `Targets: Chinese DRIs for ${sex === 'male' ? 'men' : 'women'} in light work — ${data.intake.day.energyKcal} kcal and ${data.intake.day.proteinG} g protein a day, fat ${data.intake.fatEnergyPct[0]}–${data.intake.fatEnergyPct[1]} % and carbohydrate ${data.intake.carbohydrateEnergyPct[0]}–${data.intake.carbohydrateEnergyPct[1]} % of energy, sodium under ${data.intake.sodiumMg} mg (5 g salt). Meals count as breakfast ${data.intake.mealSharePct.breakfast} %, lunch ${data.intake.mealSharePct.lunch} %, dinner ${data.intake.mealSharePct.dinner} % of the day. Estimated from standard recipes; for guidance only.`)}
          </p>
        </>
      )}
    </TabPage>
  );
}

function Today({ day, intake }: { day: DayNutrition; intake: MyNutrition['intake'] }) {
  const s = day.status;
  return (
    <section aria-label={t('今天的营养', "Today's nutrition")} style={card}>
      <div style={{ fontSize: 14, color: '#666', marginBottom: 10 }}>
        {day.sharePct > 0
          ? t(`今天在食堂吃了${day.meals.map((m) => mealLabel(m.meal)).join('、')}，应提供全天的 ${day.sharePct}%`, `Today you had ${day.meals.map((m) => mealLabel(m.meal)).join(', ')} at the canteen: ${day.sharePct} % of the day's needs`)
          : t(`今天在食堂吃了${day.meals.map((m) => mealLabel(m.meal)).join('、')}（夜宵不计入全天营养目标）`, `Today you had ${day.meals.map((m) => mealLabel(m.meal)).join(', ')} at the canteen (late meals do not count towards the day's targets)`)}
      </div>
      {s && (
        <>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 4 }}>
            <Ring kind="energy" title={t('能量', 'Energy')} value={day.total.energyKcal} target={day.target.energyKcal} unit={t('千卡', 'kcal')} level={s.energy} />
            <Ring kind="protein" title={t('蛋白质', 'Protein')} value={day.total.proteinG} target={day.target.proteinG} unit={t('克', 'g')} level={s.protein} />
            <Ring kind="sodium" title={t('钠', 'Sodium')} value={day.total.sodiumMg} target={day.target.sodiumMg} unit={t('毫克', 'mg')} level={s.sodium} />
          </div>
          <div style={{ display: 'grid', gap: 6, marginTop: 14, fontSize: 15 }}>
            {([['fat', t('脂肪', 'Fat'), day.energyPct.fat, day.target.fatG, intake.fatEnergyPct], ['carbohydrate', t('碳水化合物', 'Carbohydrate'), day.energyPct.carbohydrate, day.target.carbohydrateG, intake.carbohydrateEnergyPct]] as const).map(([k, name, share, grams, range]) => (
              <div key={k} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <span style={{ flex: 1 }}>
                  {name} {Math.round(k === 'fat' ? day.total.fatG : day.total.carbohydrateG)}{t('克', ' g')} · {t(`占能量 ${share}%`, `${share} % of energy`)}
                  <span style={{ display: 'block', color: '#888', fontSize: 13 }}>{t(`宜占 ${range[0]}–${range[1]}%，约 ${Math.round(grams[0])}–${Math.round(grams[1])} 克`, `aim ${range[0]}–${range[1]} %, about ${Math.round(grams[0])}–${Math.round(grams[1])} g`)}</span>
                </span>
                <Tag color={s[k] === 'ok' ? 'green' : s[k] === 'low' ? 'gold' : 'red'} style={{ marginInlineEnd: 0 }}>{levelText(k, s[k])}</Tag>
              </div>
            ))}
          </div>
        </>
      )}
      <div style={{ borderTop: '1px solid #f0f0f0', marginTop: 12, paddingTop: 8 }}>
        {day.meals.map((m) => (
          <div key={m.meal} style={{ padding: '6px 0', fontSize: 15 }}>
            <b>{mealLabel(m.meal)}</b> <span style={{ color: '#666' }}>{Math.round(m.eaten.energyKcal)} {t('千卡', 'kcal')} · {t('蛋白质', 'protein')} {Math.round(m.eaten.proteinG)}{t('克', ' g')}</span>
            <div style={{ color: '#444' }}>{m.dishes.join('、')}</div>
            {m.uncounted.length > 0 && <div style={{ color: '#999', fontSize: 13 }}>{t(`${m.uncounted.join('、')} 没有标准菜谱，未计入`, `${m.uncounted.join(', ')}: no standard recipe, not counted`)}</div>}
          </div>
        ))}
      </div>
    </section>
  );
}

function weekOption(days: DayNutrition[], week: dayjs.Dayjs[]) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const at = (f: (d: DayNutrition) => number) => week.map((w) => { const d = byDate.get(w.format('YYYY-MM-DD')); return d ? f(d) : null; });
  const names = week.map((w) => t(`周${WEEKDAYS[w.day()]}`, WEEKDAYS_EN[w.day()]!));
  return {
    grid: { left: 40, right: 12, top: 36, bottom: 28 },
    legend: { top: 0, itemWidth: 14, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v == null ? '—' : `${v}%`) },
    xAxis: { type: 'category', data: names, axisLabel: { fontSize: 12 } },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%', fontSize: 11 }, max: (v: { max: number }) => Math.max(150, Math.ceil(v.max / 50) * 50), interval: 50 },
    series: [
      { name: t('能量', 'Energy'), type: 'bar', data: at((d) => pct(d.total.energyKcal, d.target.energyKcal)), itemStyle: { color: '#27864a' },
        markLine: { symbol: 'none', silent: true, data: [{ yAxis: 100 }], lineStyle: { color: '#555', type: 'dashed' }, label: { formatter: t('目标', 'target'), position: 'insideEndTop', fontSize: 11 } } },
      { name: t('蛋白质', 'Protein'), type: 'bar', data: at((d) => pct(d.total.proteinG, d.target.proteinG)), itemStyle: { color: '#1f6fb2' } },
      { name: t('钠', 'Sodium'), type: 'bar', data: at((d) => pct(d.total.sodiumMg, d.target.sodiumMg)), itemStyle: { color: '#d46b08' } },
    ],
  };
}
