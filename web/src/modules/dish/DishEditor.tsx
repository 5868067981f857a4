import { ArrowLeftOutlined, DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, InputNumber, Radio, Row, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, get, post, put, toFen, yuan } from '../../api.ts';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import type { Ingredient } from '../ingredient/IngredientsPage.tsx';
import { categoryLabel, codeRule, isoDay, showFieldErrors } from '../ingredient/shared.tsx';
import { CostCell, DishThumb, MarginCell } from './parts.tsx';
import { KINDS, SEASONS, kindColor, kindLabel, margin, seasonsText, type Nutrition } from './labels.ts';

interface RecipeRow { ingredientId: number; code: string; name: string; netG: number; yieldPct: number; purchaseUnit: string; lineCostFen: number | null; supplierName: string | null }
interface Dish {
  id: number; code: string; name: string; nameEn: string; kind: string; seasons: string[]; priceFen: number; portionG: number; hasPhoto: boolean; active: boolean; updatedAt: string;
  recipe: RecipeRow[]; nutrition: Nutrition; costFen: number | null; unpriced: number[];
}
interface Quote { ingredientId: number; priceFen: number; gramsPerUnit: number; supplierName: string }
interface FormLine { ingredientId?: number; netG?: number; yieldPct?: number }

const MAX_PHOTO = 2_000_000;
const NUTRIENT_ROWS = [
  { key: 'energyKcal', zh: '能量', en: 'Energy', unit: ['千卡', 'kcal'] },
  { key: 'proteinG', zh: '蛋白质', en: 'Protein', unit: ['克', 'g'] },
  { key: 'fatG', zh: '脂肪', en: 'Fat', unit: ['克', 'g'] },
  { key: 'carbohydrateG', zh: '碳水化合物', en: 'Carbohydrate', unit: ['克', 'g'] },
  { key: 'fibreG', zh: '膳食纤维', en: 'Fibre', unit: ['克', 'g'] },
  { key: 'sodiumMg', zh: '钠', en: 'Sodium', unit: ['毫克', 'mg'] },
] as const;

/** Create or edit a dish and its standard recipe; nutrition and cost are previewed as the recipe is typed. */
export function DishEditor() {
  const { id } = useParams();
  const isNew = !id;
  const navigate = useNavigate();
  const { can, canteenId } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [dish, setDish] = useState<Dish | null>(null);
  const [ingredients, setIngredients] = useState<Ingredient[]>([]);
  const [quotes, setQuotes] = useState<Map<number, Quote> | null>(null);
  const [loading, setLoading] = useState(!isNew);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const writable = can('dish.dish.write');
  const recipe = (Form.useWatch('recipe', form) ?? []) as FormLine[];
  const priceYuan = Form.useWatch('price', form) as number | undefined;

  const loadDish = async () => {
    if (isNew) return;
    try {
      const d = await get<Dish>(`/api/dishes/${id}${canteenId ? `?canteenId=${canteenId}` : ''}`);
      setDish(d);
      form.setFieldsValue({
        code: d.code, name: d.name, nameEn: d.nameEn, kind: d.kind, seasons: d.seasons, price: d.priceFen / 100, portionG: d.portionG, active: d.active,
        recipe: d.recipe.map((l) => ({ ingredientId: l.ingredientId, netG: l.netG, yieldPct: l.yieldPct })),
      });
    } catch (e) {
      setLoadError((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { void loadDish(); }, [id, canteenId]);
  useEffect(() => {
    void get<Ingredient[]>('/api/ingredients').then(setIngredients).catch((e) => message.error((e as Error).message));
  }, []);
  useEffect(() => {
    if (!canteenId || !can('supplier.supplier.read')) return;
    void get<Quote[]>(`/api/prices?canteenId=${canteenId}&date=${isoDay()}`).then((q) => setQuotes(new Map(q.map((x) => [x.ingredientId, x])))).catch(() => setQuotes(null));
  }, [canteenId]);

  const ingById = useMemo(() => new Map(ingredients.map((i) => [i.id, i])), [ingredients]);

  // Live preview from what is typed: nutrition from the ingredients' per-100 g values, cost from today's lowest quotes.
  const preview = useMemo(() => {
    const n: Record<string, number> = { energyKcal: 0, proteinG: 0, fatG: 0, carbohydrateG: 0, fibreG: 0, sodiumMg: 0 };
    let cost = 0;
    let unpriced = 0;
    let lines = 0;
    for (const l of recipe) {
      const ing = l?.ingredientId ? ingById.get(l.ingredientId) : undefined;
      if (!ing || !l.netG) continue;
      lines++;
      for (const k of Object.keys(n)) n[k]! += (l.netG * (ing as unknown as Record<string, number>)[k]!) / 100;
      const q = quotes?.get(ing.id);
      if (!q) unpriced++;
      else cost += ((l.netG * 100) / (l.yieldPct || 100)) * q.priceFen / q.gramsPerUnit;
    }
    for (const k of Object.keys(n)) n[k] = Math.round(n[k]! * 10) / 10;
    return { nutrition: n as unknown as Nutrition, costFen: quotes ? Math.round(cost) : null, unpriced, lines };
  }, [recipe, ingById, quotes]);

  const save = async () => {
    let v;
    try {
      v = await form.validateFields();
    } catch {
      setError(t('请先改正标红的内容', 'Please correct the fields marked in red'));
      return;
    }
    const body = {
      code: v.code, name: v.name, nameEn: v.nameEn ?? '', kind: v.kind, seasons: v.seasons ?? [], priceFen: toFen(v.price ?? 0), portionG: v.portionG, active: v.active,
      recipe: (v.recipe ?? []).map((l: FormLine) => ({ ingredientId: l.ingredientId, netG: l.netG, yieldPct: l.yieldPct })),
    };
    setBusy(true);
    setError(null);
    try {
      if (isNew) {
        const row = await post<{ id: number }>('/api/dishes', body);
        message.success(t('已保存，现在可以上传照片', 'Saved; you can now upload a photo'));
        navigate(`/dishes/${row.id}`, { replace: true });
      } else {
        await put(`/api/dishes/${id}`, body);
        message.success(t('已保存', 'Saved'));
        await loadDish();
      }
    } catch (e) {
      showFieldErrors(form, e);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (loading) return <Spin size="large" style={{ display: 'block', marginTop: 80 }} />;
  if (loadError) return <Alert type="error" showIcon title={loadError} action={<Button onClick={() => navigate('/dishes')}>{t('返回菜品库', 'Back to dishes')}</Button>} />;

  const usedIds = new Set(recipe.map((l) => l?.ingredientId).filter(Boolean));
  const ingOptions = ingredients.filter((i) => i.active || usedIds.has(i.id))
    .map((i) => ({ value: i.id, label: `${i.name}（${i.code}）`, search: `${i.name} ${i.code} ${i.nameEn}`.toLowerCase(), disabled: usedIds.has(i.id) }));
  const priceFen = priceYuan != null ? toFen(priceYuan) : 0;
  const savedLine = (ingredientId?: number) => dish?.recipe.find((l) => l.ingredientId === ingredientId);

  return (
    <div>
      <Space style={{ marginBottom: 16 }} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/dishes')}>{t('返回菜品库', 'Back to dishes')}</Button>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {isNew ? t('新建菜品', 'New dish') : dish?.name}
          {dish && <Tag color={kindColor(dish.kind)} style={{ marginLeft: 12, verticalAlign: 'middle' }}>{kindLabel(dish.kind)}</Tag>}
        </Typography.Title>
      </Space>
      {error && <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" disabled={!writable}
        initialValues={{ kind: 'vegetable', seasons: [], active: true, portionG: 200, recipe: [] }}>
        <Row gutter={16}>
          <Col xs={24} xl={15}>
            <Card title={t('基本信息', 'Basics')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24} md={8}><Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, whitespace: true, message: t('请填写菜名', 'Enter the dish name') }, { max: 60 }]}><Input /></Form.Item></Col>
                <Col xs={24} md={8}><Form.Item name="code" label={t('编码', 'Code')} rules={[{ required: true, message: t('请填写编码', 'Enter a code') }, { max: 60 }, codeRule()]}><Input placeholder="hongshao-rou" /></Form.Item></Col>
                <Col xs={24} md={8}><Form.Item name="nameEn" label={t('英文名', 'English name')} rules={[{ max: 100 }]}><Input /></Form.Item></Col>
                <Col xs={24} md={12}>
                  <Form.Item name="kind" label={t('类别', 'Kind')} rules={[{ required: true }]}>
                    <Radio.Group optionType="button" buttonStyle="solid" options={KINDS.map((k) => ({ value: k.value, label: t(k.zh, k.en) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="seasons" label={t('时令（不选表示全年）', 'Seasons (none = all year)')}>
                    <Checkbox.Group options={SEASONS.map((s) => ({ value: s.value, label: t(s.zh, s.en) }))} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="price" label={t('售价（元）', 'Price (yuan)')} rules={[{ required: true, message: t('请填写售价', 'Enter a price') }, { type: 'number', min: 0, max: 10000 }]}>
                    <InputNumber min={0} max={10000} step={0.5} precision={2} style={{ width: '100%' }} prefix="¥" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="portionG" label={t('每份重量（克）', 'Portion (g)')} rules={[{ required: true, message: t('请填写每份重量', 'Enter the portion weight') }, { type: 'integer', min: 1, max: 5000 }]}>
                    <InputNumber min={1} max={5000} precision={0} style={{ width: '100%' }} suffix={t('克', 'g')} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}><Form.Item name="active" label={t('启用', 'Active')} valuePropName="checked"><Switch /></Form.Item></Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} xl={9}>
            <Card title={t('每份营养与成本', 'Per portion: nutrition and cost')} style={{ marginBottom: 16 }}>
              <Descriptions column={1} size="small" bordered items={[
                ...NUTRIENT_ROWS.map((r) => ({ key: r.key, label: t(r.zh, r.en), children: `${preview.nutrition[r.key]} ${t(r.unit[0], r.unit[1])}` })),
                { key: 'price', label: t('售价', 'Price'), children: yuan(priceFen) },
                { key: 'cost', label: t('成本', 'Cost'), children: <CostCell priceFen={priceFen} costFen={preview.costFen ?? dish?.costFen ?? null} unpriced={quotes ? preview.unpriced : (dish?.unpriced.length ?? null)} /> },
                { key: 'margin', label: t('毛利率', 'Margin'), children: <MarginCell priceFen={priceFen} costFen={preview.costFen ?? dish?.costFen ?? null} /> },
              ]} />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>
                {quotes
                  ? t('按正在填写的菜谱和当前食堂今天的最低报价实时估算。', 'Estimated live from the recipe being typed and today\'s lowest quotes for the current canteen.')
                  : t('营养按正在填写的菜谱实时计算；成本为已保存菜谱的结果。', 'Nutrition is live; the cost is that of the saved recipe.')}
                {margin(priceFen, preview.costFen ?? dish?.costFen).high && <><br /><Typography.Text type="danger">{t('成本超过售价的 60%，请考虑调价或调整用料。', 'Cost is above 60% of the price: consider the price or the recipe.')}</Typography.Text></>}
              </Typography.Paragraph>
            </Card>
          </Col>
        </Row>
        <Card title={t('标准菜谱（每份用料）', 'Standard recipe (per portion)')} style={{ marginBottom: 16 }}
>
          <Typography.Paragraph type="secondary">{t('净用量 = 去皮去骨后实际入锅的克数；出成率 = 可用部分占采购量的百分比；毛用量 = 净用量 ÷ 出成率，即要采购的克数。', 'Net = trimmed grams cooked; yield = usable share of what is bought; gross = net ÷ yield, the grams to buy.')}</Typography.Paragraph>
          <Form.List name="recipe" rules={[{ validator: async (_, lines) => { if (!lines?.length) throw new Error(t('标准菜谱至少要有一种食材', 'The recipe needs at least one ingredient')); } }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                <Table size="middle" pagination={false} rowKey="key" dataSource={fields} locale={{ emptyText: <Empty description={t('还没有食材，请在下方添加', 'No ingredients yet; add them below')} /> }}
                  columns={[
                    { title: t('食材', 'Ingredient'), render: (_, f, i) => (
                      <Form.Item name={[f.name, 'ingredientId']} rules={[{ required: true, message: t('请选择食材', 'Choose an ingredient') }]} style={{ margin: 0 }}>
                        <Select showSearch={{ filterOption: (input, o) => String((o as { search?: string })?.search ?? '').includes(input.toLowerCase()) }}
                          aria-label={t(`第 ${i + 1} 行食材`, `Ingredient of line ${i + 1}`)} style={{ minWidth: 220 }} options={ingOptions} placeholder={t('搜索食材', 'Search')} />
                      </Form.Item>
                    ) },
                    { title: t('类别', 'Category'), width: 90, render: (_, f) => categoryLabel(ingById.get(recipe[f.name]?.ingredientId ?? 0)?.category) },
                    { title: t('净用量（克）', 'Net (g)'), width: 140, render: (_, f, i) => (
                      <Form.Item name={[f.name, 'netG']} rules={[{ required: true, message: t('请填写', 'Required') }, { type: 'integer', min: 1, max: 5000, message: '1–5000' }]} style={{ margin: 0 }}>
                        <InputNumber min={1} max={5000} precision={0} aria-label={t(`第 ${i + 1} 行净用量`, `Net grams of line ${i + 1}`)} style={{ width: '100%' }} />
                      </Form.Item>
                    ) },
                    { title: t('出成率（%）', 'Yield (%)'), width: 130, render: (_, f, i) => (
                      <Form.Item name={[f.name, 'yieldPct']} rules={[{ required: true, message: t('请填写', 'Required') }, { type: 'integer', min: 1, max: 100, message: '1–100' }]} style={{ margin: 0 }}>
                        <InputNumber min={1} max={100} precision={0} aria-label={t(`第 ${i + 1} 行出成率`, `Yield of line ${i + 1}`)} style={{ width: '100%' }} />
                      </Form.Item>
                    ) },
                    { title: t('毛用量', 'Gross'), width: 100, align: 'right', render: (_, f) => {
                      const l = recipe[f.name];
                      return l?.netG && l?.yieldPct ? `${Math.round((l.netG * 100) / l.yieldPct)} ${t('克', 'g')}` : '—';
                    } },
                    { title: t('每份成本', 'Cost'), width: 110, align: 'right', render: (_, f) => {
                      const l = recipe[f.name];
                      const q = l?.ingredientId ? quotes?.get(l.ingredientId) : undefined;
                      if (q && l?.netG && l?.yieldPct) return yuan(Math.round(((l.netG * 100) / l.yieldPct) * q.priceFen / q.gramsPerUnit));
                      const s = savedLine(l?.ingredientId);
                      if (s && s.netG === l?.netG && s.yieldPct === l?.yieldPct && s.lineCostFen != null) return yuan(s.lineCostFen);
                      return l?.ingredientId ? <Typography.Text type="warning">{t('无价格', 'No price')}</Typography.Text> : '—';
                    } },
                    { title: t('供应商', 'Supplier'), width: 160, render: (_, f) => {
                      const id = recipe[f.name]?.ingredientId;
                      return quotes?.get(id ?? 0)?.supplierName ?? savedLine(id)?.supplierName ?? '—';
                    } },
                    { title: '', width: 70, render: (_, f) => writable && <Button danger type="text" icon={<DeleteOutlined />} aria-label={t('删除此行', 'Remove line')} onClick={() => remove(f.name)} /> },
                  ]} />
                {writable && (
                  <Space style={{ marginTop: 12 }} wrap>
                    <Select showSearch={{ filterOption: (input, o) => String((o as { search?: string })?.search ?? '').includes(input.toLowerCase()) }}
                      value={null} style={{ width: 320 }} aria-label={t('添加食材', 'Add ingredient')} placeholder={t('搜索并添加食材…', 'Search and add an ingredient…')}
                      options={ingOptions} onChange={(v) => { if (v) add({ ingredientId: v, netG: undefined, yieldPct: 100 }); }} />
                    <Button onClick={() => add({ yieldPct: 100 })}>{t('添加一行', 'Add a line')}</Button>
                  </Space>
                )}
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
          {preview.lines > 0 && (
            <div style={{ marginTop: 16, padding: '10px 14px', background: '#f6faf8', borderRadius: 8, display: 'flex', flexWrap: 'wrap', gap: '4px 24px' }}>
              <span>{t('每份合计', 'Per portion')}：</span>
              <span>{t('能量', 'Energy')} <b>{preview.nutrition.energyKcal}</b> {t('千卡', 'kcal')}</span>
              <span>{t('蛋白质', 'Protein')} <b>{preview.nutrition.proteinG}</b> {t('克', 'g')}</span>
              <span>{t('脂肪', 'Fat')} <b>{preview.nutrition.fatG}</b> {t('克', 'g')}</span>
              <span>{t('碳水', 'Carbs')} <b>{preview.nutrition.carbohydrateG}</b> {t('克', 'g')}</span>
              <span style={{ display: 'inline-flex', gap: 6 }}>{t('成本', 'Cost')} <CostCell priceFen={priceFen} costFen={preview.costFen ?? dish?.costFen ?? null} unpriced={quotes ? preview.unpriced : null} /></span>
            </div>
          )}
        </Card>
        {writable && (
          <Space style={{ marginBottom: 24 }}>
            <Button type="primary" size="large" loading={busy} onClick={save}>{t('保存', 'Save')}</Button>
            <Button size="large" onClick={() => navigate('/dishes')}>{t('取消', 'Cancel')}</Button>
          </Space>
        )}
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <PhotoCard dish={dish} writable={writable} onUploaded={loadDish} />
          </Col>
          <Col xs={24} lg={12}>
            {dish && (
              <Card title={t('已保存的结果', 'As saved')} size="small" style={{ marginBottom: 16 }}>
                <Typography.Text>
                  {t(`能量 ${dish.nutrition.energyKcal} 千卡，蛋白质 ${dish.nutrition.proteinG} 克，脂肪 ${dish.nutrition.fatG} 克，碳水 ${dish.nutrition.carbohydrateG} 克`,
                    `Energy ${dish.nutrition.energyKcal} kcal, protein ${dish.nutrition.proteinG} g, fat ${dish.nutrition.fatG} g, carbs ${dish.nutrition.carbohydrateG} g`)}
                </Typography.Text>
                <div style={{ marginTop: 6 }}>
                  {t('成本', 'Cost')} {yuan(dish.costFen)} · {t('售价', 'Price')} {yuan(dish.priceFen)} · {seasonsText(dish.seasons)}
                  {dish.unpriced.length > 0 && <div><Typography.Text type="warning">{t('无价格的食材：', 'No price: ')}{dish.unpriced.map((i) => ingById.get(i)?.name ?? `#${i}`).join(t('、', ', '))}</Typography.Text></div>}
                </div>
              </Card>
            )}
          </Col>
        </Row>
      </Form>
    </div>
  );
}

function PhotoCard({ dish, writable, onUploaded }: { dish: Dish | null; writable: boolean; onUploaded: () => Promise<void> }) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(() => Date.now());
  const upload = async (file: File) => {
    if (!['image/jpeg', 'image/png', 'image/webp'].includes(file.type)) return message.error(t('照片须为 JPEG、PNG 或 WebP 图片', 'The photo must be a JPEG, PNG or WebP image'));
    if (file.size > MAX_PHOTO) return message.error(t('照片不能超过 2 MB', 'The photo must be at most 2 MB'));
    const body = new FormData();
    body.append('file', file);
    setBusy(true);
    try {
      await api('PUT', `/api/dishes/${dish!.id}/photo`, body);
      message.success(t('照片已上传', 'Photo uploaded'));
      setVersion(Date.now());
      await onUploaded();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('菜品照片', 'Photo')}>
      {!dish ? (
        <Typography.Text type="secondary">{t('保存菜品后即可上传照片。', 'Save the dish first, then upload a photo.')}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {dish.hasPhoto
            ? <img src={`/api/dishes/${dish.id}/photo?v=${version}`} alt={dish.name} style={{ width: '100%', maxHeight: 280, objectFit: 'cover', borderRadius: 8 }} />
            : <DishThumb id={dish.id} hasPhoto={false} size={120} />}
          {writable && (
            <>
              <input ref={input} type="file" accept="image/jpeg,image/png,image/webp" style={{ display: 'none' }} aria-label={t('选择照片', 'Choose a photo')}
                onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void upload(f); }} />
              <Button icon={<UploadOutlined />} loading={busy} disabled={false} onClick={() => input.current?.click()}>
                {dish.hasPhoto ? t('更换照片', 'Replace photo') : t('上传照片', 'Upload photo')}
              </Button>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('JPEG、PNG 或 WebP，不超过 2 MB', 'JPEG, PNG or WebP, up to 2 MB')}</Typography.Text>
            </>
          )}
        </Space>
      )}
    </Card>
  );
}
