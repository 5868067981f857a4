import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { get, post, put } from '../../api.ts';
import { currentLang, t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';

interface Person { id: number; orgId: number; username: string; name: string; active: boolean; roles: { orgId: number; roleKey: string }[] }
interface Org { id: number; name: string; kind: string }
interface Role { key: string; nameZh: string; nameEn: string }

export function PeoplePage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const [people, setPeople] = useState<Person[]>([]);
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [roles, setRoles] = useState<Role[]>([]);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [form] = Form.useForm();
  const load = async () => setPeople(await get(`/api/people?search=${encodeURIComponent(search)}`));
  useEffect(() => { void load(); }, [search]);
  useEffect(() => {
    void get<Org[]>('/api/orgs').then(setOrgs);
    if (can('admin.role.read')) void get<{ roles: Role[] }>('/api/roles').then((r) => setRoles(r.roles));
  }, []);
  const orgName = (id: number) => orgs.find((o) => o.id === id)?.name ?? `#${id}`;
  const roleName = (k: string) => { const r = roles.find((x) => x.key === k); return r ? (currentLang() === 'en' ? r.nameEn : r.nameZh) : k; };
  const open = (p: Person | 'new') => {
    setEditing(p);
    form.setFieldsValue(p === 'new' ? { roles: [] } : { ...p, roles: p.roles });
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing === 'new') await post('/api/people', v);
      else if (editing) await put(`/api/people/${editing.id}/roles`, { roles: v.roles ?? [] });
      message.success(t('已保存', 'Saved'));
      setEditing(null);
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const orgOptions = orgs.map((o) => ({ value: o.id, label: o.name }));
  return (
    <Card title={t('人员与角色', 'People & roles')} extra={can('admin.person.write') && <Button type="primary" onClick={() => open('new')}>{t('添加人员', 'Add person')}</Button>}>
      <Input.Search placeholder={t('按姓名或用户名查找', 'Find by name or username')} allowClear onSearch={setSearch} style={{ maxWidth: 360, marginBottom: 16 }} />
      <Table rowKey="id" dataSource={people} columns={[
        { title: t('姓名', 'Name'), dataIndex: 'name' },
        { title: t('用户名', 'Username'), dataIndex: 'username' },
        { title: t('所属组织', 'Organisation'), dataIndex: 'orgId', render: orgName },
        { title: t('角色', 'Roles'), render: (_, p) => p.roles.map((r) => <Tag key={`${r.orgId}-${r.roleKey}`}>{roleName(r.roleKey)} @ {orgName(r.orgId)}</Tag>) },
        { title: '', render: (_, p) => can('admin.person.write') && <Button onClick={() => open(p)}>{t('设置角色', 'Set roles')}</Button> },
      ]} />
      <Modal open={!!editing} title={editing === 'new' ? t('添加人员', 'Add person') : t('设置角色', 'Set roles')} onOk={save} onCancel={() => setEditing(null)} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')} width={640}>
        <Form form={form} layout="vertical">
          {editing === 'new' && (
            <>
              <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="username" label={t('用户名', 'Username')} rules={[{ required: true, min: 3 }]}><Input /></Form.Item>
              <Form.Item name="password" label={t('初始密码（至少 8 位）', 'Initial password (8+)')} rules={[{ required: true, min: 8 }]}><Input.Password /></Form.Item>
              <Form.Item name="orgId" label={t('所属组织', 'Organisation')} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={orgOptions} /></Form.Item>
            </>
          )}
          <Form.List name="roles">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'roleKey']} rules={[{ required: true }]}><Select style={{ width: 180 }} options={roles.map((r) => ({ value: r.key, label: roleName(r.key) }))} /></Form.Item>
                    <Form.Item name={[f.name, 'orgId']} rules={[{ required: true }]}><Select style={{ width: 260 }} showSearch optionFilterProp="label" options={orgOptions} /></Form.Item>
                    <Button danger onClick={() => remove(f.name)}>{t('移除', 'Remove')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add()}>{t('添加角色', 'Add role')}</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}
