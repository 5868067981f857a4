import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router-dom';
import { get, yuan } from '../../api.ts';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { ExportButton, ImportButton } from '../ingredient/ImportButton.tsx';
import { Plain } from '../ingredient/shared.tsx';
import { DishEditor } from './DishEditor.tsx';
import { KINDS, kindColor, kindLabel, margin, seasonOptions, seasonsText, type Nutrition } from './labels.ts';
import { CostCell, DishThumb, MarginCell } from './parts.tsx';

export interface DishRow {
  id: number; code: string; name: string; nameEn: string; kind: string; seasons: string[]; priceFen: number; portionG: number; hasPhoto: boolean; active: boolean;
  nutrition: Nutrition | null; costFen: number | null; unpriced: number | null; updatedAt?: string;
}

/** /dishes, /dishes/new, /dishes/:id */
export function DishesPage() {
  return (
    <Plain>
      <Routes>
        <Route index element={<DishList />} />
        <Route path="new" element={<DishEditor />} />
        <Route path=":id" element={<DishEditor />} />
      </Routes>
    </Plain>
  );
}

function DishList() {
  const { can, canteenId } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [rows, setRows] = useState<DishRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<string>('');
  const [season, setSeason] = useState<string | undefined>();
  const writable = can('dish.dish.write');
  const q = new URLSearchParams();
  if (search) q.set('search', search);
  if (kind) q.set('kind', kind);
  if (season) q.set('season', season);
  if (canteenId) q.set('canteenId', String(canteenId));
  const load = async () => {
    setLoading(true);
    try {
      setRows(await get<DishRow[]>(`/api/dishes?${q}`));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { void load(); }, [search, kind, season, canteenId]);
  const high = rows.filter((r) => margin(r.priceFen, r.costFen).high).length;
  return (
    <Card title={t('菜品库', 'Dish library')} extra={(
      <Space wrap>
        <ExportButton href={`/api/dishes/export.xlsx?${q}`} />
        {writable && <ImportButton url="/api/dishes/import" onDone={() => void load()} />}
        {writable && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('new')}>{t('新建菜品', 'New dish')}</Button>}
      </Space>
    )}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder={t('按菜名或编码查找', 'Find by name or code')} aria-label={t('查找菜品', 'Find dishes')} allowClear onSearch={setSearch} style={{ width: 280 }} />
        <Segmented value={kind} onChange={(v) => setKind(String(v))}
          options={[{ value: '', label: t('全部', 'All') }, ...KINDS.map((k) => ({ value: k.value, label: t(k.zh, k.en) }))]} />
        <Select allowClear placeholder={t('全部季节', 'Any season')} aria-label={t('按季节筛选', 'Filter by season')} style={{ width: 150 }} value={season} onChange={setSeason} options={seasonOptions()} />
      </Space>
      <Typography.Paragraph type="secondary">
        {t(`共 ${rows.length} 道菜。成本按当前食堂今天的最低报价计算；成本超过售价 60% 的标红（${high} 道）。营养为每份。`,
          `${rows.length} dishes. Cost uses today's lowest quotes for the current canteen; red when above 60% of the price (${high}). Nutrition per portion.`)}
      </Typography.Paragraph>
      <Table rowKey="id" loading={loading} dataSource={rows} size="middle" scroll={{ x: 1400 }} pagination={{ pageSize: 30, showSizeChanger: false }}
        onRow={(r) => ({ onDoubleClick: () => navigate(String(r.id)) })}
        columns={[
          { title: '', width: 76, render: (_, r) => <DishThumb id={r.id} hasPhoto={r.hasPhoto} version={r.updatedAt} /> },
          { title: t('菜名', 'Dish'), dataIndex: 'name', width: 200, render: (v, r) => (
            <div>
              <Link to={String(r.id)} style={{ fontSize: 16 }}>{t(v, r.nameEn || v)}</Link>{!r.active && <Tag style={{ marginLeft: 6 }}>{t('停用', 'Inactive')}</Tag>}
              <div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{r.code}{t('', ` · ${v}`)}</Typography.Text></div>
            </div>
          ) },
          { title: t('类别', 'Kind'), dataIndex: 'kind', width: 90, render: (v) => <Tag color={kindColor(v)}>{kindLabel(v)}</Tag> },
          { title: t('时令', 'Season'), dataIndex: 'seasons', width: 100, render: seasonsText },
          { title: t('售价', 'Price'), dataIndex: 'priceFen', width: 90, align: 'right', render: yuan },
          { title: t('每份成本', 'Cost / portion'), width: 150, align: 'right', render: (_, r) => <CostCell priceFen={r.priceFen} costFen={r.costFen} unpriced={r.unpriced} /> },
          { title: t('毛利率', 'Margin'), width: 90, align: 'right', render: (_, r) => <MarginCell priceFen={r.priceFen} costFen={r.costFen} /> },
          { title: t('份量', 'Portion'), dataIndex: 'portionG', width: 80, align: 'right', render: (v) => `${v} ${t('克', 'g')}` },
          { title: t('能量', 'Energy'), width: 100, align: 'right', render: (_, r) => (r.nutrition ? `${Math.round(r.nutrition.energyKcal)} ${t('千卡', 'kcal')}` : '—') },
          { title: t('蛋白质', 'Protein'), width: 90, align: 'right', render: (_, r) => (r.nutrition ? `${r.nutrition.proteinG} ${t('克', 'g')}` : '—') },
          { title: t('脂肪', 'Fat'), width: 90, align: 'right', render: (_, r) => (r.nutrition ? `${r.nutrition.fatG} ${t('克', 'g')}` : '—') },
          { title: t('碳水', 'Carbs'), width: 90, align: 'right', render: (_, r) => (r.nutrition ? `${r.nutrition.carbohydrateG} ${t('克', 'g')}` : '—') },
          { title: t('钠', 'Sodium'), width: 100, align: 'right', render: (_, r) => (r.nutrition ? `${Math.round(r.nutrition.sodiumMg)} ${t('毫克', 'mg')}` : '—') },
          { title: '', width: 100, fixed: 'right', render: (_, r) => <Button size="small" onClick={() => navigate(String(r.id))}>{writable ? t('编辑', 'Edit') : t('查看', 'View')}</Button> },
        ]} />
    </Card>
  );
}
