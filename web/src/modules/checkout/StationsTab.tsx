import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { checkoutApi, type Station } from './api.ts';

/** The canteen's checkout stations and the scale each reads; the canteen head adds one. */
export function StationsTab({ canteenId }: { canteenId: number }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Station[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string; name: string; scaleCode?: string }>();
  const load = () => { checkoutApi.stations(canteenId).then(setRows, (e: Error) => { setRows([]); message.error(e.message); }); };
  useEffect(load, [canteenId]);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await checkoutApi.addStation({ canteenId, code: v.code.trim().toUpperCase(), name: v.name.trim(), scaleCode: v.scaleCode?.trim() ? v.scaleCode.trim().toUpperCase() : null });
      message.success(t('已添加结算台', 'Station added'));
      setAdding(false);
      form.resetFields();
      load();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      {can('checkout.station.write') && (
        <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginBottom: 12 }}>{t('新增结算台', 'Add station')}</Button>
      )}
      <Table<Station> rowKey="id" loading={!rows} dataSource={rows ?? []} pagination={false}
        columns={[
          { title: t('编码', 'Code'), dataIndex: 'code', width: 180 },
          { title: t('名称', 'Name'), dataIndex: 'name' },
          { title: t('电子秤', 'Scale'), dataIndex: 'scaleCode', render: (v: string | null) => v ?? '—' },
          { title: t('状态', 'Status'), dataIndex: 'active', width: 100, render: (v: boolean) => (v ? <Tag color="green">{t('启用', 'Active')}</Tag> : <Tag>{t('停用', 'Inactive')}</Tag>) },
        ]} />
      <Modal open={adding} title={t('新增结算台', 'Add station')} onCancel={() => setAdding(false)} onOk={save} confirmLoading={busy}
        okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="code" label={t('编码', 'Code')} extra={t('大写字母、数字或连字符，如 CO-YJZH-03', 'Capital letters, digits or hyphens, e.g. CO-YJZH-03')}
            rules={[{ required: true, message: t('请填写编码', 'Enter a code') }, { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/, message: t('编码为字母、数字或连字符', 'Letters, digits or hyphens') }]}>
            <Input size="large" />
          </Form.Item>
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, message: t('请填写名称', 'Enter a name') }, { max: 40 }]}>
            <Input size="large" placeholder={t('如 3 号结算台', 'e.g. Station 3')} />
          </Form.Item>
          <Form.Item name="scaleCode" label={t('电子秤编码（可选）', 'Scale code (optional)')} rules={[{ max: 40 }]}>
            <Input size="large" placeholder="SCALE-YJZH-C3" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
