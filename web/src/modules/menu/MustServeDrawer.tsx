import { Alert, App, Button, Drawer, Form, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { get, put } from '../../api.ts';
import { MEALS, t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { kindLabel } from '../dish/labels.ts';
import { Plain } from '../ingredient/shared.tsx';

interface DishOption { id: number; name: string; code: string; kind: string; active: boolean }

/** Must-serve dishes per meal: every plan of that meal must include them (e.g. rice at lunch). */
export function MustServeDrawer({ open, canteenId, onClose }: { open: boolean; canteenId: number; onClose: () => void }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [dishes, setDishes] = useState<DishOption[]>([]);
  const [initial, setInitial] = useState<Record<string, number[]>>({});
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const writable = can('menu.must_serve.write');

  useEffect(() => {
    if (!open) return;
    setLoading(true);
    setError(null);
    void Promise.all([get<DishOption[]>('/api/dishes'), get<{ meal: string; dishId: number }[]>(`/api/must-serve?canteenId=${canteenId}`)])
      .then(([d, must]) => {
        setDishes(d);
        const byMeal = Object.fromEntries(MEALS.map((m) => [m.value, must.filter((x) => x.meal === m.value).map((x) => x.dishId)]));
        setInitial(byMeal);
        form.setFieldsValue(byMeal);
      })
      .catch((e) => setError((e as Error).message))
      .finally(() => setLoading(false));
  }, [open, canteenId]);

  const save = async () => {
    const v = form.getFieldsValue() as Record<string, number[] | undefined>;
    setBusy(true);
    setError(null);
    try {
      for (const m of MEALS) {
        const next = v[m.value] ?? [];
        const before = initial[m.value] ?? [];
        if (next.length === before.length && next.every((id) => before.includes(id))) continue;
        await put('/api/must-serve', { canteenId, meal: m.value, dishIds: next });
      }
      message.success(t('必排菜已保存', 'Must-serve dishes saved'));
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const options = dishes.filter((d) => d.active).map((d) => ({ value: d.id, label: `${d.name}（${kindLabel(d.kind)}）`, search: `${d.name} ${d.code}`.toLowerCase() }));
  return (
    <Drawer open={open} onClose={onClose} size={520} title={t('必排菜设置', 'Must-serve dishes')}
      footer={writable && (
        <Plain>
          <Space>
            <Button type="primary" loading={busy} onClick={save}>{t('保存', 'Save')}</Button>
            <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
          </Space>
        </Plain>
      )}>
      <Typography.Paragraph type="secondary">
        {t('必排菜会自动排进该餐次的每一份计划，且不能移除（如午餐的米饭）。', 'Must-serve dishes are put into every plan of the meal and cannot be removed (e.g. rice at lunch).')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        <Form form={form} layout="vertical" disabled={!writable}>
          {MEALS.map((m) => (
            <Form.Item key={m.value} name={m.value} label={t(`${m.zh}必排菜`, `${m.en}: must serve`)}>
              <Select mode="multiple" allowClear placeholder={t('不设置', 'None')} options={options}
                showSearch={{ filterOption: (input, o) => String((o as { search?: string })?.search ?? '').includes(input.toLowerCase()) }} />
            </Form.Item>
          ))}
        </Form>
      </Spin>
    </Drawer>
  );
}
