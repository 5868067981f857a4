import { App, Checkbox, Modal, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { get, put } from '../../api.ts';
import { t } from '../../i18n.ts';
import { CATEGORIES } from '../ingredient/shared.tsx';
import { DOCUMENT_KINDS, type DocumentKind } from './shared.tsx';

type Rule = { orgId: number; category: string; kind: DocumentKind; inherited: boolean };
const KINDS = DOCUMENT_KINDS.filter((k) => k.value !== 'other');

/**
 * Which supplier documents a delivery of each ingredient category must come with. Rules set by the
 * bureau apply to every canteen and are shown ticked and fixed; the canteen head adds the canteen's own.
 */
export function RequiredDocumentsModal({ canteenId, onClose }: { canteenId: number; onClose: () => void }) {
  const { message } = App.useApp();
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [own, setOwn] = useState<Set<string>>(new Set());
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    void get<Rule[]>(`/api/stock/required-documents?orgId=${canteenId}`).then((list) => {
      setRules(list);
      setOwn(new Set(list.filter((r) => !r.inherited).map((r) => `${r.category}|${r.kind}`)));
    });
  }, [canteenId]);
  const inherited = new Set((rules ?? []).filter((r) => r.inherited).map((r) => `${r.category}|${r.kind}`));
  const toggle = (key: string, on: boolean) => setOwn((cur) => {
    const next = new Set(cur);
    if (on) next.add(key);
    else next.delete(key);
    return next;
  });
  const save = async () => {
    setSaving(true);
    try {
      const byCategory = new Map<string, DocumentKind[]>();
      for (const key of own) {
        const [category, kind] = key.split('|') as [string, DocumentKind];
        byCategory.set(category, [...(byCategory.get(category) ?? []), kind]);
      }
      await put('/api/stock/required-documents', { orgId: canteenId, rules: [...byCategory].map(([category, kinds]) => ({ category, kinds })) });
      message.success(t('已保存：以后验收时缺少这些单据会提醒', 'Saved: receipts missing these documents will be flagged'));
      onClose();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open width={820} title={t('验收必备单据', 'Documents a delivery must bring')} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}
      onOk={save} confirmLoading={saving} onCancel={onClose} okButtonProps={{ size: 'large', disabled: !rules }} cancelButtonProps={{ size: 'large' }}>
      <p style={{ fontSize: 16 }}>{t('勾选每类食材到货时必须附带的单据。缺少时验收单标红并发出预警，补传后自动消除。',
        'Tick the documents each category must arrive with. A receipt without them is flagged and raises an alert until they are attached.')}</p>
      <Table size="middle" pagination={false} loading={!rules} rowKey="value" dataSource={[...CATEGORIES]} scroll={{ y: 460 }}
        columns={[
          { title: t('食材类别', 'Category'), dataIndex: 'zh', width: 120, render: (_: string, c) => t(c.zh, c.en) },
          ...KINDS.map((k) => ({
            title: t(k.zh, k.en), key: k.value, align: 'center' as const,
            render: (_: unknown, c: (typeof CATEGORIES)[number]) => {
              const key = `${c.value}|${k.value}`;
              return inherited.has(key)
                ? <Tag color="blue">{t('管理局要求', 'Bureau rule')}</Tag>
                : <Checkbox style={{ transform: 'scale(1.4)' }} checked={own.has(key)} onChange={(e) => toggle(key, e.target.checked)} />;
            },
          })),
        ]} />
    </Modal>
  );
}
