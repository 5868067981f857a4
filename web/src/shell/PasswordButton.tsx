import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { post } from '../api.ts';
import { t } from '../i18n.ts';

export function PasswordButton() {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await post('/api/auth/password', { current: v.current, next: v.next });
      message.success(t('密码已修改', 'Password changed'));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('修改密码', 'Change password')}</Button>
      <Modal open={open} title={t('修改密码', 'Change password')} onOk={submit} onCancel={() => setOpen(false)} okText={t('确定', 'OK')} cancelText={t('取消', 'Cancel')}>
        <Form form={form} layout="vertical">
          <Form.Item name="current" label={t('当前密码', 'Current password')} rules={[{ required: true }]}><Input.Password /></Form.Item>
          <Form.Item name="next" label={t('新密码（至少 8 位）', 'New password (8+ characters)')} rules={[{ required: true, min: 8 }]}><Input.Password /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
