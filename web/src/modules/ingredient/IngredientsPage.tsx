import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Segmented, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { get, post, put } from '../../api.ts';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { ExportButton, ImportButton } from './ImportButton.tsx';
import { categoryLabel, codeRule, categoryOptions, fixedGrams, kgText, Plain, unitLabel, useDialogSave, unitOptions, unitSizeText } from './shared.tsx';

export interface Ingredient {
  id: number; orgId: number; code: string; name: string; nameEn: string; category: string; purchaseUnit: string; gramsPerUnit: number;
  shelfLifeDays: number; energyKcal: number; proteinG: number; fatG: number; carbohydrateG: number; fibreG: number; sodiumMg: number;
  source: string; active: boolean; minG: number | null; maxG: number | null;
}

const NUTRIENTS = [
  { key: 'energyKcal', zh: '能量（千卡）', en: 'Energy (kcal)', short: ['能量 千卡', 'kcal'], max: 900 },
  { key: 'proteinG', zh: '蛋白质（克）', en: 'Protein (g)', short: ['蛋白质 克', 'Protein g'], max: 100 },
  { key: 'fatG', zh: '脂肪（克）', en: 'Fat (g)', short: ['脂肪 克', 'Fat g'], max: 100 },
  { key: 'carbohydrateG', zh: '碳水化合物（克）', en: 'Carbohydrate (g)', short: ['碳水 克', 'Carbs g'], max: 100 },
  { key: 'fibreG', zh: '膳食纤维（克）', en: 'Fibre (g)', short: ['纤维 克', 'Fibre g'], max: 100 },
  { key: 'sodiumMg', zh: '钠（毫克）', en: 'Sodium (mg)', short: ['钠 毫克', 'Sodium mg'], max: 40000 },
] as const;


export function IngredientsPage() {
  const { can, canteenId, me } = useSession();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Ingredient[]>([]);
  const [loading, setLoading] = useState(false);
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<string | undefined>();
  const [editing, setEditing] = useState<Ingredient | 'new' | null>(null);
  const [limitFor, setLimitFor] = useState<Ingredient | null>(null);
  const writable = can('ingredient.ingredient.write');
  const limitWritable = can('ingredient.stock_limit.write') && !!canteenId;
  const canteenName = me?.canteens.find((c) => c.id === canteenId)?.name;

  const q = new URLSearchParams();
  if (search) q.set('search', search);
  if (category) q.set('category', category);
  if (canteenId) q.set('canteenId', String(canteenId));
  const load = async () => {
    setLoading(true);
    try {
      setRows(await get<Ingredient[]>(`/api/ingredients?${q}`));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { void load(); }, [search, category, canteenId]);

  const n = (v: number) => (Number.isInteger(v) ? v : Number(v.toFixed(1)));
  return (
    <Plain>
      <Card title={t('食材', 'Ingredients')} extra={(
        <Space wrap>
          <ExportButton href={`/api/ingredients/export.xlsx?${q}`} />
          {writable && <ImportButton url="/api/ingredients/import" onDone={() => void load()} />}
          {writable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('新建食材', 'New ingredient')}</Button>}
        </Space>
      )}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search placeholder={t('按名称或编码查找', 'Find by name or code')} aria-label={t('查找食材', 'Find ingredients')} allowClear onSearch={setSearch} style={{ width: 300 }} />
          <Select allowClear placeholder={t('全部类别', 'All categories')} aria-label={t('按分类筛选', 'Filter by category')} style={{ width: 180 }} value={category} onChange={setCategory} options={categoryOptions()} />
          <Typography.Text type="secondary">{t(`共 ${rows.length} 种；营养成分按每 100 克可食部计${canteenName ? `；库存上下限为${canteenName}的设置` : ''}`, `${rows.length} items; nutrition per 100 g edible portion${canteenName ? `; stock limits are those of ${canteenName}` : ''}`)}</Typography.Text>
        </Space>
        <Table rowKey="id" loading={loading} dataSource={rows} size="middle" scroll={{ x: 1350 }} pagination={{ pageSize: 50, showSizeChanger: false }}
          columns={[
            { title: t('名称', 'Name'), dataIndex: 'name', width: 190, fixed: 'left', render: (v, r) => (
              <div>
                <div>{v}{!r.active && <Tag style={{ marginLeft: 6 }}>{t('停用', 'Inactive')}</Tag>}</div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>{r.code}{r.nameEn && ` · ${r.nameEn}`}</Typography.Text>
              </div>
            ) },
            { title: t('类别', 'Category'), dataIndex: 'category', width: 84, render: categoryLabel },
            { title: t('采购单位', 'Unit'), width: 140, render: (_, r) => <span>{unitLabel(r.purchaseUnit)} <Typography.Text type="secondary" style={{ fontSize: 13 }}>{unitSizeText(r.purchaseUnit, r.gramsPerUnit)}</Typography.Text></span> },
            { title: t('保质期', 'Shelf life'), dataIndex: 'shelfLifeDays', width: 84, render: (v) => t(`${v} 天`, `${v} d`) },
            ...NUTRIENTS.map((c) => ({ title: t(c.short[0], c.short[1]), dataIndex: c.key, width: 92, align: 'right' as const, render: n })),
            { title: t('库存下限 / 上限', 'Min / max stock'), width: 180, render: (_, r) => (
              r.minG == null ? <Typography.Text type="secondary">{t('未设置', 'Not set')}</Typography.Text>
                : `${kgText(r.minG)} / ${r.maxG ? kgText(r.maxG) : t('不限', 'none')}`
            ) },
            { title: t('操作', 'Actions'), width: 190, fixed: 'right', render: (_, r) => (
              <Space>
                {writable && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>{t('编辑', 'Edit')}</Button>}
                {limitWritable && <Button size="small" onClick={() => setLimitFor(r)}>{t('上下限', 'Min/max')}</Button>}
              </Space>
            ) },
          ]} />
      </Card>
      {editing && <IngredientModal editing={editing} onClose={(saved) => { setEditing(null); if (saved) void load(); }} />}
      {limitFor && canteenId && <StockLimitModal ingredient={limitFor} canteenId={canteenId} canteenName={canteenName ?? ''} onClose={(saved) => { setLimitFor(null); if (saved) void load(); }} />}
    </Plain>
  );
}

function IngredientModal({ editing, onClose }: { editing: Ingredient | 'new'; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm();
  const { busy, error, submit } = useDialogSave(form, () => onClose(true));
  const unit = Form.useWatch('purchaseUnit', form) as string | undefined;
  const fixed = fixedGrams(unit);
  useEffect(() => {
    if (fixed !== null) form.setFieldValue('gramsPerUnit', fixed);
  }, [fixed]);
  const initial = editing === 'new'
    ? { active: true, purchaseUnit: 'jin', gramsPerUnit: 500, shelfLifeDays: 3, energyKcal: 0, proteinG: 0, fatG: 0, carbohydrateG: 0, fibreG: 0, sodiumMg: 0, nameEn: '', source: '' }
    : editing;
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = {
      code: v.code, name: v.name, nameEn: v.nameEn ?? '', category: v.category, purchaseUnit: v.purchaseUnit, gramsPerUnit: v.gramsPerUnit, shelfLifeDays: v.shelfLifeDays,
      energyKcal: v.energyKcal, proteinG: v.proteinG, fatG: v.fatG, carbohydrateG: v.carbohydrateG, fibreG: v.fibreG, sodiumMg: v.sodiumMg, source: v.source ?? '', active: v.active,
    };
    await submit(() => (editing === 'new' ? post('/api/ingredients', body) : put(`/api/ingredients/${editing.id}`, body)));
  };
  return (
    <Modal open width={760} title={editing === 'new' ? t('新建食材', 'New ingredient') : t(`编辑食材：${editing.name}`, `Edit ingredient: ${editing.name}`)}
      onCancel={() => onClose(false)} onOk={save} confirmLoading={busy} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} requiredMark>
        <Row gutter={16}>
          <Col span={8}><Form.Item name="code" label={t('编码', 'Code')} rules={[{ required: true, message: t('请填写编码', 'Enter a code') }, { max: 60 }, codeRule()]}><Input placeholder="pork-belly" /></Form.Item></Col>
          <Col span={8}><Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, whitespace: true, message: t('请填写名称', 'Enter a name') }, { max: 60 }]}><Input /></Form.Item></Col>
          <Col span={8}><Form.Item name="nameEn" label={t('英文名', 'English name')} rules={[{ max: 100 }]}><Input /></Form.Item></Col>
          <Col span={8}><Form.Item name="category" label={t('类别', 'Category')} rules={[{ required: true, message: t('请选择类别', 'Choose a category') }]}><Select options={categoryOptions()} /></Form.Item></Col>
          <Col span={8}><Form.Item name="purchaseUnit" label={t('采购单位', 'Purchase unit')} rules={[{ required: true }]}><Select options={unitOptions()} /></Form.Item></Col>
          <Col span={8}>
            <Form.Item name="gramsPerUnit" label={t('每单位克数', 'Grams per unit')} rules={[{ required: true, message: t('请填写每单位克数', 'Enter grams per unit') }, { type: 'integer', min: 1, max: 1_000_000 }]}
              extra={fixed !== null ? t('重量单位的克数固定', 'Fixed for weight units') : t('例如一箱鸡蛋 15000 克', 'e.g. a box of eggs is 15000 g')}>
              <InputNumber min={1} max={1_000_000} precision={0} disabled={fixed !== null} style={{ width: '100%' }} suffix={t('克', 'g')} />
            </Form.Item>
          </Col>
          <Col span={8}><Form.Item name="shelfLifeDays" label={t('保质期（天）', 'Shelf life (days)')} rules={[{ required: true }, { type: 'integer', min: 0, max: 3650 }]}><InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={16}><Form.Item name="source" label={t('数据来源', 'Data source')} rules={[{ max: 200 }]}><Input placeholder={t('如：中国食物成分表', 'e.g. China Food Composition Tables')} /></Form.Item></Col>
        </Row>
        <Typography.Text strong>{t('营养成分（每 100 克可食部）', 'Nutrition (per 100 g edible portion)')}</Typography.Text>
        <Row gutter={16} style={{ marginTop: 8 }}>
          {NUTRIENTS.map((c) => (
            <Col span={8} key={c.key}>
              <Form.Item name={c.key} label={t(c.zh, c.en)} rules={[{ required: true, message: t('请填写，没有填 0', 'Required; use 0 for none') }, { type: 'number', min: 0, max: c.max, message: t(`应在 0 到 ${c.max} 之间`, `Between 0 and ${c.max}`) }]}>
                <InputNumber min={0} max={c.max} step={0.1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="active" label={t('启用', 'Active')} valuePropName="checked"><Switch /></Form.Item>
      </Form>
    </Modal>
  );
}

function StockLimitModal({ ingredient, canteenId, canteenName, onClose }: { ingredient: Ingredient; canteenId: number; canteenName: string; onClose: (saved: boolean) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Shown in kg, or in the purchase unit when it is not a weight (boxes, bottles …).
  const unitChoices = [{ value: 1000, label: t('千克', 'kg') }];
  if (ingredient.purchaseUnit !== 'kg' && ingredient.purchaseUnit !== 'g') unitChoices.push({ value: ingredient.gramsPerUnit, label: unitLabel(ingredient.purchaseUnit) });
  const [factor, setFactor] = useState(1000);
  const toUnit = (g: number | null, f: number) => (g == null ? null : Number((g / f).toFixed(3)));
  useEffect(() => {
    form.setFieldsValue({ min: toUnit(ingredient.minG, factor), max: ingredient.maxG ? toUnit(ingredient.maxG, factor) : null });
  }, []);
  const switchUnit = (f: number) => {
    const v = form.getFieldsValue();
    form.setFieldsValue({ min: v.min == null ? null : Number(((v.min * factor) / f).toFixed(3)), max: v.max == null ? null : Number(((v.max * factor) / f).toFixed(3)) });
    setFactor(f);
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const minG = Math.round((v.min ?? 0) * factor);
    const maxG = Math.round((v.max ?? 0) * factor);
    setBusy(true);
    setError(null);
    try {
      await put(`/api/ingredients/${ingredient.id}/stock-limit`, { canteenId, minG, maxG });
      message.success(t('已保存', 'Saved'));
      onClose(true);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const unitName = unitChoices.find((u) => u.value === factor)?.label;
  return (
    <Modal open title={t(`库存上下限：${ingredient.name}`, `Min / max stock: ${ingredient.name}`)} onCancel={() => onClose(false)} onOk={save} confirmLoading={busy}
      okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}>
      <Typography.Paragraph type="secondary">{t(`适用于：${canteenName}。库存低于下限时提醒补货；上限填 0 表示不限。`, `For ${canteenName}. Below the minimum you are reminded to restock; a maximum of 0 means none.`)}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {unitChoices.length > 1 && (
        <div style={{ marginBottom: 16 }}>
          <Typography.Text style={{ marginRight: 8 }}>{t('填写单位', 'Enter in')}</Typography.Text>
          <Segmented value={factor} onChange={(v) => switchUnit(Number(v))} options={unitChoices} />
        </div>
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="min" label={t('库存下限', 'Minimum stock')} rules={[{ required: true, message: t('请填写下限，没有填 0', 'Enter a minimum (0 for none)') }]}>
          <InputNumber min={0} step={1} style={{ width: '100%' }} suffix={unitName} />
        </Form.Item>
        <Form.Item name="max" label={t('库存上限', 'Maximum stock')} dependencies={['min']} rules={[({ getFieldValue }) => ({
          validator: (_, v) => (!v || v >= (getFieldValue('min') ?? 0) ? Promise.resolve() : Promise.reject(new Error(t('上限不能小于下限', 'The maximum is below the minimum')))),
        })]}>
          <InputNumber min={0} step={1} style={{ width: '100%' }} suffix={unitName} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
