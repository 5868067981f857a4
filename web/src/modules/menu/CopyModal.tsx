import { Alert, Button, Checkbox, DatePicker, Form, Modal, Radio, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { post } from '../../api.ts';
import { mealLabel, t } from '../../i18n.ts';
import { dayText } from '../ingredient/shared.tsx';
import { mondayOf } from './util.tsx';

interface CopyResult { copied: number; skipped: { date: string; meal: string; reason: string }[] }

/** Copy one day or one week of plans to another date, as drafts; published plans are never overwritten. */
export function CopyModal({ canteenId, initial, onClose }: { canteenId: number; initial: { days: 1 | 7; from: string }; onClose: (changed: boolean) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CopyResult | null>(null);
  const days = (Form.useWatch('days', form) ?? initial.days) as 1 | 7;
  const from = dayjs(initial.from);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const fromDate = (days === 7 ? mondayOf(v.from as Dayjs) : (v.from as Dayjs)).format('YYYY-MM-DD');
    const toDate = (days === 7 ? mondayOf(v.to as Dayjs) : (v.to as Dayjs)).format('YYYY-MM-DD');
    setBusy(true);
    setError(null);
    try {
      setResult(await post<CopyResult>('/api/menu-plans/copy', { canteenId, fromDate, toDate, days, overwrite: !!v.overwrite }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const reason = (r: string) => (r === 'published' ? t('目标已发布，不覆盖', 'target is published') : r === 'exists' ? t('目标已有计划（未勾选覆盖）', 'target already planned (overwrite not ticked)') : r);
  return (
    <Modal open title={t('复制菜品计划', 'Copy menu plans')} onCancel={() => onClose(!!result)} width={560}
      footer={result
        ? <Button type="primary" onClick={() => onClose(true)}>{t('完成', 'Done')}</Button>
        : (
          <Space>
            <Button onClick={() => onClose(false)}>{t('取消', 'Cancel')}</Button>
            <Button type="primary" loading={busy} onClick={submit}>{t('复制', 'Copy')}</Button>
          </Space>
        )}>
      {result ? (
        <>
          <Alert type={result.skipped.length ? 'warning' : 'success'} showIcon style={{ marginBottom: 12 }}
            title={t(`已复制 ${result.copied} 个餐次，跳过 ${result.skipped.length} 个`, `Copied ${result.copied} meals, skipped ${result.skipped.length}`)}
            description={t('复制出的计划都是草稿，检查后再发布。', 'Copies are drafts: check them, then publish.')} />
          {result.skipped.length > 0 && (
            <ul style={{ paddingLeft: 20 }}>
              {result.skipped.map((s) => <li key={`${s.date}-${s.meal}`}>{dayText(s.date)} {mealLabel(s.meal)}：{reason(s.reason)}</li>)}
            </ul>
          )}
        </>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ days: initial.days, from, to: from.add(initial.days === 7 ? 7 : 1, 'day'), overwrite: false }}
          onValuesChange={(changed: { days?: 1 | 7 }) => {
            if (!changed.days) return;
            // Switching between a day and a week: start from today inside the shown week, else from its first day.
            const monday = mondayOf(from);
            const today = dayjs();
            const start = changed.days === 7 ? monday : (today.isBefore(monday) || today.isAfter(monday.add(6, 'day')) ? monday : today.startOf('day'));
            form.setFieldsValue({ from: start, to: start.add(changed.days === 7 ? 7 : 1, 'day') });
            setError(null);
          }}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form.Item name="days" label={t('复制范围', 'What to copy')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 1, label: t('一天', 'One day') }, { value: 7, label: t('整周', 'A whole week') }]} />
          </Form.Item>
          <Form.Item name="from" label={days === 7 ? t('从哪一周', 'From week') : t('从哪一天', 'From day')} rules={[{ required: true }]}>
            <DatePicker picker={days === 7 ? 'week' : 'date'} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="to" label={days === 7 ? t('复制到哪一周', 'To week') : t('复制到哪一天', 'To day')} dependencies={['from', 'days']}
            rules={[{ required: true, message: t('请选择目标日期', 'Choose the target') }, ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | undefined) => {
                const a = getFieldValue('from') as Dayjs | undefined;
                if (!v || !a) return Promise.resolve();
                const same = days === 7 ? mondayOf(v).isSame(mondayOf(a), 'day') : v.isSame(a, 'day');
                return same ? Promise.reject(new Error(t('目标与来源相同', 'Target equals source'))) : Promise.resolve();
              },
            })]}>
            <DatePicker picker={days === 7 ? 'week' : 'date'} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="overwrite" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox>{t('覆盖目标日期已有的草稿', 'Overwrite drafts already on the target dates')}</Checkbox>
          </Form.Item>
          <Typography.Text type="secondary">{t('已发布的计划不会被覆盖；复制出的计划为草稿。', 'Published plans are never overwritten; copies are drafts.')}</Typography.Text>
        </Form>
      )}
    </Modal>
  );
}
