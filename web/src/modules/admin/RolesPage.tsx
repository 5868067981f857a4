import { App, Button, Card, Checkbox, Select, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { get, put } from '../../api.ts';
import { currentLang, t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';

interface Roles {
  roles: { key: string; nameZh: string; nameEn: string; permissions: string[] }[];
  permissions: { key: string; zh: string; en: string }[];
}

export function RolesPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const [data, setData] = useState<Roles | null>(null);
  const [roleKey, setRoleKey] = useState('head_chef');
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const load = async () => setData(await get<Roles>('/api/roles'));
  useEffect(() => { void load(); }, []);
  useEffect(() => {
    setChecked(new Set(data?.roles.find((r) => r.key === roleKey)?.permissions ?? []));
  }, [data, roleKey]);
  const rows = useMemo(() => (data?.permissions ?? []).map((p) => ({ ...p, module: p.key.split('.')[0] })), [data]);
  const save = async () => {
    try {
      await put(`/api/roles/${roleKey}/permissions`, { permissions: [...checked] });
      message.success(t('已保存', 'Saved'));
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const editable = can('admin.role.write');
  return (
    <Card title={t('角色权限', 'Role permissions')} extra={editable && <Button type="primary" onClick={save}>{t('保存', 'Save')}</Button>}>
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text>{t('角色', 'Role')}</Typography.Text>
        <Select style={{ width: 240 }} value={roleKey} onChange={setRoleKey}
          options={(data?.roles ?? []).map((r) => ({ value: r.key, label: currentLang() === 'en' ? r.nameEn : r.nameZh }))} />
      </Space>
      <Table rowKey="key" size="middle" pagination={false} dataSource={rows} columns={[
        { title: t('模块', 'Module'), dataIndex: 'module', width: 140 },
        { title: t('权限', 'Permission'), render: (_, p) => (currentLang() === 'en' ? p.en : p.zh) },
        { title: t('代码', 'Key'), dataIndex: 'key', render: (k) => <Typography.Text code>{k}</Typography.Text> },
        {
          title: t('允许', 'Allowed'), width: 100, render: (_, p) => (
            <Checkbox disabled={!editable} checked={checked.has(p.key)} aria-label={p.key}
              onChange={(e) => {
                const next = new Set(checked);
                if (e.target.checked) next.add(p.key); else next.delete(p.key);
                setChecked(next);
              }} />
          ),
        },
      ]} />
    </Card>
  );
}
