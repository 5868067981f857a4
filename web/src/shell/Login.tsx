import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { post } from '../api.ts';
import { t } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { LangSwitch } from './LangSwitch.tsx';

export function Login() {
  const { refresh } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await post('/api/auth/login', v);
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#eef4f1' }}>
      <Card style={{ width: 420 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('智慧后勤平台', 'Smart Logistics')}</Typography.Title>
          <LangSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('请输入您的用户名和密码', 'Enter your username and password')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} size="large">
          <Form.Item name="username" label={t('用户名', 'Username')} rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('密码', 'Password')} rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('登录', 'Sign in')}</Button>
        </Form>
      </Card>
    </div>
  );
}
