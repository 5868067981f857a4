import { App, Button, Card, Form, Input, Modal, Select, Tag, Tree } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { get, post } from '../../api.ts';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';

interface Org { id: number; parentId: number | null; kind: 'bureau' | 'centre' | 'canteen' | 'unit'; name: string; code: string }

const KIND = { bureau: ['管理局', 'Bureau', 'purple'], centre: ['中心', 'Centre', 'blue'], canteen: ['食堂', 'Canteen', 'green'], unit: ['单位', 'Unit', 'default'] } as const;

/** The organisation tree: bureau → centre → canteens, and the agency units whose staff eat there. */
export function OrgsPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const load = async () => setOrgs(await get<Org[]>('/api/orgs'));
  useEffect(() => { void load(); }, []);
  const treeData = useMemo(() => {
    const build = (parentId: number | null): object[] => orgs.filter((o) => o.parentId === parentId).map((o) => ({
      key: o.id,
      title: <span><Tag color={KIND[o.kind][2]}>{t(KIND[o.kind][0], KIND[o.kind][1])}</Tag>{o.name} <span style={{ color: '#999' }}>{o.code}</span></span>,
      children: build(o.id),
    }));
    const roots = orgs.filter((o) => o.parentId === null || !orgs.some((p) => p.id === o.parentId));
    return roots.map((r) => ({ key: r.id, title: r.name, children: build(r.id) }));
  }, [orgs]);
  const save = async () => {
    const v = await form.validateFields();
    try {
      await post('/api/orgs', v);
      message.success(t('已添加', 'Added'));
      setOpen(false);
      form.resetFields();
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card title={t('组织架构', 'Organisations')} extra={can('admin.org.write') && <Button type="primary" onClick={() => setOpen(true)}>{t('添加组织', 'Add organisation')}</Button>}>
      {treeData.length > 0 && <Tree treeData={treeData as never} defaultExpandedKeys={orgs.filter((o) => o.kind !== 'unit').map((o) => o.id)} showLine />}
      <Modal open={open} title={t('添加组织', 'Add organisation')} onOk={save} onCancel={() => setOpen(false)} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}>
        <Form form={form} layout="vertical">
          <Form.Item name="parentId" label={t('上级组织', 'Parent')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={orgs.filter((o) => o.kind !== 'unit' && o.kind !== 'canteen').map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('类型', 'Kind')} rules={[{ required: true }]}>
            <Select options={(['centre', 'canteen', 'unit'] as const).map((k) => ({ value: k, label: t(KIND[k][0], KIND[k][1]) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="code" label={t('编码（字母数字）', 'Code (letters, digits)')} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]+$/ }]}><Input /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
