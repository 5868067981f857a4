import { EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Drawer, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { get, post, put, yuan } from '../../api.ts';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import type { Ingredient } from '../ingredient/IngredientsPage.tsx';
import { IMPORT_ACCEPT, useImport, ExportButton } from '../ingredient/ImportButton.tsx';
import { categoryLabel, codeRule, dateTime, isoDay, kgText, Plain, useDialogSave, unitLabel } from '../ingredient/shared.tsx';

interface Supplier { id: number; orgId: number; code: string; name: string; contact: string; phone: string; active: boolean }
interface PriceList { id: number; supplierId: number; supplierName: string; name: string; validFrom: string; validTo: string | null; source: string; items: number; createdAt: string }
interface PriceLine { ingredientId: number; code: string; name: string; purchaseUnit: string; priceFen: number; gramsPerUnit: number }
interface Quote { ingredientId: number; supplierId: number; supplierName: string; priceFen: number; gramsPerUnit: number; priceListId: number }

const sourceLabel = (s: string) => ({ manual: t('手工录入', 'Entered'), import: t('表格导入', 'Imported'), excel: t('表格导入', 'Imported'), file: t('表格导入', 'Imported'), feed: t('食采云', 'Price feed') } as Record<string, string>)[s] ?? s;
/** Price per kg from a price per unit, for comparing suppliers who sell in different units. */
const perKg = (priceFen: number, gramsPerUnit: number) => yuan(Math.round((priceFen * 1000) / gramsPerUnit));

export function SuppliersPage() {
  const { can } = useSession();
  return (
    <Plain>
      <Card title={t('供应商与价格', 'Suppliers and prices')}>
        <Tabs destroyOnHidden items={[
          { key: 'suppliers', label: t('供应商', 'Suppliers'), children: <SupplierTab /> },
          { key: 'lists', label: t('价格表', 'Price lists'), children: <PriceListTab writable={can('supplier.price_list.write')} /> },
          { key: 'today', label: t('今日价格', "Today's prices"), children: <TodayTab /> },
        ]} />
      </Card>
    </Plain>
  );
}

function SupplierTab() {
  const { can } = useSession();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Supplier[]>([]);
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  const writable = can('supplier.supplier.write');
  const load = async () => {
    try { setRows(await get<Supplier[]>('/api/suppliers')); } catch (e) { message.error((e as Error).message); }
  };
  useEffect(() => { void load(); }, []);
  return (
    <>
      {writable && (
        <div style={{ marginBottom: 16 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('添加供应商', 'Add supplier')}</Button>
        </div>
      )}
      <Table rowKey="id" dataSource={rows} pagination={false} columns={[
        { title: t('编码', 'Code'), dataIndex: 'code', width: 140 },
        { title: t('名称', 'Name'), dataIndex: 'name' },
        { title: t('联系人', 'Contact'), dataIndex: 'contact', width: 140 },
        { title: t('电话', 'Phone'), dataIndex: 'phone', width: 160 },
        { title: t('状态', 'Status'), dataIndex: 'active', width: 100, render: (v) => (v ? <Tag color="success">{t('合作中', 'Active')}</Tag> : <Tag>{t('已停用', 'Inactive')}</Tag>) },
        { title: '', width: 110, render: (_, r) => writable && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>{t('编辑', 'Edit')}</Button> },
      ]} />
      {editing && <SupplierModal editing={editing} onClose={(saved) => { setEditing(null); if (saved) void load(); }} />}
    </>
  );
}

function SupplierModal({ editing, onClose }: { editing: Supplier | 'new'; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm();
  const { busy, error, submit } = useDialogSave(form, () => onClose(true));
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = { code: v.code, name: v.name, contact: v.contact ?? '', phone: v.phone ?? '', active: v.active };
    await submit(() => (editing === 'new' ? post('/api/suppliers', body) : put(`/api/suppliers/${editing.id}`, body)));
  };
  return (
    <Modal open title={editing === 'new' ? t('添加供应商', 'Add supplier') : t('编辑供应商', 'Edit supplier')} onCancel={() => onClose(false)} onOk={save} confirmLoading={busy}
      okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={editing === 'new' ? { active: true } : editing}>
        <Form.Item name="code" label={t('编码', 'Code')} rules={[{ required: true, message: t('请填写编码', 'Enter a code') }, { max: 40 }, codeRule()]}><Input placeholder="S001" /></Form.Item>
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, whitespace: true, message: t('请填写名称', 'Enter a name') }, { max: 100 }]}><Input /></Form.Item>
        <Form.Item name="contact" label={t('联系人', 'Contact')} rules={[{ max: 60 }]}><Input /></Form.Item>
        <Form.Item name="phone" label={t('电话', 'Phone')} rules={[{ max: 30 }]}><Input inputMode="tel" /></Form.Item>
        <Form.Item name="active" label={t('合作中', 'Active')} valuePropName="checked" extra={t('停用后不再参与比价', 'Inactive suppliers are left out of price comparison')}><Switch /></Form.Item>
      </Form>
    </Modal>
  );
}

function PriceListTab({ writable }: { writable: boolean }) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<PriceList[]>([]);
  const [open, setOpen] = useState<PriceList | null>(null);
  const [importing, setImporting] = useState(false);
  const load = async () => {
    try { setRows(await get<PriceList[]>('/api/price-lists')); } catch (e) { message.error((e as Error).message); }
  };
  useEffect(() => { void load(); }, []);
  const today = isoDay();
  return (
    <>
      {writable && (
        <div style={{ marginBottom: 16 }}>
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('导入价格表', 'Import price list')}</Button>
        </div>
      )}
      <Table rowKey="id" dataSource={rows} pagination={{ pageSize: 30, showSizeChanger: false }} onRow={(r) => ({ onDoubleClick: () => setOpen(r) })} columns={[
        { title: t('价格表', 'Price list'), dataIndex: 'name', render: (v, r) => <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(r)}>{v}</Button> },
        { title: t('供应商', 'Supplier'), dataIndex: 'supplierName', width: 240 },
        { title: t('生效日期', 'Valid from'), dataIndex: 'validFrom', width: 130 },
        { title: t('截止日期', 'Valid to'), dataIndex: 'validTo', width: 130, render: (v) => v ?? t('长期', 'open') },
        { title: t('状态', 'Status'), width: 100, render: (_, r) => (r.validFrom > today ? <Tag color="blue">{t('未生效', 'Upcoming')}</Tag>
          : r.validTo && r.validTo < today ? <Tag>{t('已过期', 'Expired')}</Tag> : <Tag color="success">{t('有效', 'Valid')}</Tag>) },
        { title: t('来源', 'Source'), dataIndex: 'source', width: 110, render: sourceLabel },
        { title: t('品项数', 'Items'), dataIndex: 'items', width: 90, align: 'right' },
        { title: t('录入时间', 'Entered'), dataIndex: 'createdAt', width: 170, render: dateTime },
      ]} />
      <PriceListDrawer list={open} onClose={() => setOpen(null)} />
      {importing && <PriceImportModal onClose={(done) => { setImporting(false); if (done) void load(); }} />}
    </>
  );
}

function PriceListDrawer({ list, onClose }: { list: PriceList | null; onClose: () => void }) {
  const [lines, setLines] = useState<PriceLine[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  useEffect(() => {
    setLines(null);
    setError(null);
    setSearch('');
    if (list) void get<{ prices: PriceLine[] }>(`/api/price-lists/${list.id}`).then((d) => setLines(d.prices)).catch((e) => setError((e as Error).message));
  }, [list?.id]);
  const shown = (lines ?? []).filter((l) => !search || `${l.name} ${l.code}`.toLowerCase().includes(search.toLowerCase()));
  return (
    <Drawer open={!!list} onClose={onClose} size={760} title={list ? `${list.name} · ${list.supplierName}` : ''}
      extra={list && <ExportButton href={`/api/price-lists/${list.id}/export.xlsx`} />}>
      {list && (
        <Typography.Paragraph type="secondary">
          {t(`生效日期 ${list.validFrom}${list.validTo ? ` 至 ${list.validTo}` : '起'}，共 ${list.items} 项`, `Valid from ${list.validFrom}${list.validTo ? ` to ${list.validTo}` : ''}; ${list.items} items`)}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      <Input.Search allowClear placeholder={t('查找食材', 'Find an ingredient')} aria-label={t('查找食材', 'Find an ingredient')} onChange={(e) => setSearch(e.target.value)} style={{ maxWidth: 300, marginBottom: 12 }} />
      <Table rowKey="ingredientId" size="small" loading={!lines && !error} dataSource={shown} pagination={{ pageSize: 50, showSizeChanger: false }} columns={[
        { title: t('编码', 'Code'), dataIndex: 'code', width: 140 },
        { title: t('食材', 'Ingredient'), dataIndex: 'name' },
        { title: t('单价', 'Price'), width: 130, align: 'right', render: (_, l) => `${yuan(l.priceFen)}/${unitLabel(l.purchaseUnit)}` },
        { title: t('每单位', 'Unit size'), dataIndex: 'gramsPerUnit', width: 110, align: 'right', render: (v) => kgText(v) },
        { title: t('折合每千克', 'Per kg'), width: 110, align: 'right', render: (_, l) => perKg(l.priceFen, l.gramsPerUnit) },
      ]} />
    </Drawer>
  );
}

function PriceImportModal({ onClose }: { onClose: (done: boolean) => void }) {
  const [form] = Form.useForm();
  const [suppliers, setSuppliers] = useState<Supplier[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState('');
  const { run, busy, node } = useImport('/api/price-lists/import', () => onClose(true), setError);
  useEffect(() => { void get<Supplier[]>('/api/suppliers').then(setSuppliers).catch(() => undefined); }, []);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!file) setFileError(true);
    if (!v || !file) return;
    await run(file, { supplierId: String(v.supplierId), name: v.name.trim(), validFrom: (v.validFrom as Dayjs).format('YYYY-MM-DD') });
  };
  return (
    <>
      <Modal open title={t('导入价格表', 'Import price list')} onCancel={() => onClose(false)}
        footer={(
          <Space>
            <Button onClick={() => onClose(false)}>{t('取消', 'Cancel')}</Button>
            <Button type="primary" loading={busy} onClick={submit}>{t('导入', 'Import')}</Button>
          </Space>
        )}>
        <Typography.Paragraph type="secondary">
          {t('Excel 或 CSV，每行一种食材，列为：食材编码、食材名称（可选）、单价元、每单位克数（可选，默认按食材的采购单位）。食材编码可在「食材」页导出查看。自生效日期起，新价格表取代该供应商之前的报价。',
            'Excel or CSV, one ingredient per row with the columns: ingredient code, ingredient name (optional), unit price yuan, grams per unit (optional; defaults to the ingredient\'s unit). Export the ingredients to see their codes. From its start date the new list replaces the supplier\'s earlier quotes.')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" initialValues={{ validFrom: dayjs().add(1, 'day') }}>
          <Form.Item name="supplierId" label={t('供应商', 'Supplier')} rules={[{ required: true, message: t('请选择供应商', 'Choose a supplier') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={suppliers.filter((s) => s.active).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
              onChange={(id) => {
                if (form.getFieldValue('name')) return;
                const s = suppliers.find((x) => x.id === id);
                if (s) form.setFieldValue('name', t(`${s.name} ${dayjs().format('YYYY年M月')}报价`, `${s.name} ${dayjs().format('MMM YYYY')} quote`));
              }} />
          </Form.Item>
          <Form.Item name="name" label={t('价格表名称', 'Price list name')} rules={[{ required: true, whitespace: true, message: t('请填写名称', 'Enter a name') }, { max: 100 }]}><Input /></Form.Item>
          <Form.Item name="validFrom" label={t('生效日期', 'Valid from')} rules={[{ required: true, message: t('请选择生效日期', 'Choose the start date') }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item label={t('价格表文件', 'File')} required validateStatus={fileError && !file ? 'error' : undefined} help={fileError && !file ? t('请选择 Excel 或 CSV 文件', 'Choose an Excel or CSV file') : undefined}>
            <input ref={input} type="file" accept={IMPORT_ACCEPT} style={{ display: 'none' }} aria-label={t('选择价格表文件', 'Choose the price list file')}
              onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) setFile(f); }} />
            <Space>
              <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>{t('选择文件', 'Choose file')}</Button>
              <Typography.Text type={file ? undefined : 'secondary'}>{file ? file.name : t('未选择（.xlsx 或 .csv）', 'None (.xlsx or .csv)')}</Typography.Text>
            </Space>
          </Form.Item>
        </Form>
      </Modal>
      {node}
    </>
  );
}

function TodayTab() {
  const { canteenId, me } = useSession();
  const { message } = App.useApp();
  const [quotes, setQuotes] = useState<Quote[]>([]);
  const [ingredients, setIngredients] = useState<Ingredient[]>([]);
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [loading, setLoading] = useState(false);
  const canteenName = me?.canteens.find((c) => c.id === canteenId)?.name;
  useEffect(() => { void get<Ingredient[]>('/api/ingredients').then(setIngredients).catch(() => undefined); }, []);
  useEffect(() => {
    if (!canteenId) return;
    setLoading(true);
    void get<Quote[]>(`/api/prices?canteenId=${canteenId}&date=${date.format('YYYY-MM-DD')}`).then(setQuotes)
      .catch((e) => message.error((e as Error).message)).finally(() => setLoading(false));
  }, [canteenId, date.format('YYYY-MM-DD')]);
  const byId = useMemo(() => new Map(ingredients.map((i) => [i.id, i])), [ingredients]);
  const rows = quotes.map((q) => ({ ...q, ing: byId.get(q.ingredientId) }))
    .sort((a, b) => `${a.ing?.category}${a.ing?.code}`.localeCompare(`${b.ing?.category}${b.ing?.code}`));
  if (!canteenId) return <Alert type="info" showIcon title={t('请先在右上角选择食堂', 'Choose a canteen at the top right first')} />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('日期', 'Date')}</Typography.Text>
        <DatePicker allowClear={false} value={date} onChange={(d) => d && setDate(d)} aria-label={t('价格日期', 'Price date')} />
        <Typography.Text type="secondary">{t(`${canteenName ?? ''}当天可用的最低报价（按每克比较），请购单和菜品成本都用它。`, `Lowest valid quote per gram for ${canteenName ?? ''}; used for requisitions and dish costs.`)}</Typography.Text>
      </Space>
      <Table rowKey="ingredientId" size="middle" loading={loading} dataSource={rows} pagination={{ pageSize: 50, showSizeChanger: false }} columns={[
        { title: t('食材', 'Ingredient'), render: (_, r) => r.ing?.name ?? `#${r.ingredientId}` },
        { title: t('类别', 'Category'), width: 100, render: (_, r) => categoryLabel(r.ing?.category) },
        { title: t('单价', 'Price'), width: 140, align: 'right', render: (_, r) => `${yuan(r.priceFen)}/${unitLabel(r.ing?.purchaseUnit)}` },
        { title: t('折合每千克', 'Per kg'), width: 120, align: 'right', render: (_, r) => perKg(r.priceFen, r.gramsPerUnit) },
        { title: t('供应商', 'Supplier'), dataIndex: 'supplierName' },
      ]} />
    </>
  );
}
