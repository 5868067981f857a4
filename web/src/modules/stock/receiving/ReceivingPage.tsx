import { ArrowLeftOutlined, ArrowRightOutlined, CheckCircleFilled, FileSearchOutlined, MinusCircleOutlined, PlusOutlined, StepForwardOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Result, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { get, post, yuan } from '../../../api.ts';
import { t } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import type { Ingredient } from '../../ingredient/IngredientsPage.tsx';
import { Plain } from '../../ingredient/shared.tsx';
import type { Order } from '../../purchase/status.tsx';
import { ReceiptAttachments } from '../Attachments.tsx';
import { nameOf, PostingError, usePosting } from '../shared.tsx';
import type { Doc } from '../types.ts';
import { draftOfIngredient, draftsOfOrder, missingStep, toLineInput, type Draft } from './draft.ts';
import { LineStep } from './LineStep.tsx';
import { PickOrder } from './PickOrder.tsx';
import { Summary } from './Summary.tsx';

interface Quote { ingredientId: number; supplierId: number; priceFen: number; gramsPerUnit: number }

/** /receiving?order=<id> or ?supplier=<id>: goods receipt at the back door, one ingredient at a time. */
export function ReceivingPage() {
  const { canteenId, me } = useSession();
  const [params, setParams] = useSearchParams();
  const orderId = Number(params.get('order')) || null;
  const supplierId = Number(params.get('supplier')) || null;
  const canteenName = me?.canteens.find((c) => c.id === canteenId)?.name;
  if (!canteenId) return <Alert type="info" showIcon title={t('请先在右上角选择食堂', 'Choose a canteen at the top right first')} />;
  return (
    <Plain>
      <Card title={orderId || supplierId ? undefined : <span style={{ fontSize: 20 }}>{t('验收入库', 'Receiving')}{canteenName ? ` · ${canteenName}` : ''}</span>} styles={{ body: { paddingBottom: 0 } }}>
        {orderId || supplierId
          ? <Receiving key={`${canteenId}-${orderId}-${supplierId}`} canteenId={canteenId} orderId={orderId} supplierId={supplierId} onRestart={() => setParams({})} />
          : <div style={{ paddingBottom: 24 }}><PickOrder canteenId={canteenId} onOrder={(id) => setParams({ order: String(id) })} onSupplier={(id) => setParams({ supplier: String(id) })} /></div>}
      </Card>
    </Plain>
  );
}

function Receiving({ canteenId, orderId, supplierId, onRestart }: { canteenId: number; orderId: number | null; supplierId: number | null; onRestart: () => void }) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [order, setOrder] = useState<Order | null>(null);
  const [supplierName, setSupplierName] = useState<string>('');
  const [ingredients, setIngredients] = useState<Map<number, Ingredient>>(new Map());
  const [quotes, setQuotes] = useState<Map<number, Quote>>(new Map());
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [index, setIndex] = useState(0);
  const [stage, setStage] = useState<'lines' | 'summary' | 'done'>('lines');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [doc, setDoc] = useState<Doc | null>(null);
  const posting = usePosting();
  const top = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void (async () => {
      try {
        const ings = new Map((await get<Ingredient[]>(`/api/ingredients?canteenId=${canteenId}`)).map((i) => [i.id, i]));
        setIngredients(ings);
        if (orderId) {
          const o = await get<Order>(`/api/purchase-orders/${orderId}`);
          setOrder(o);
          setSupplierName(o.supplierName ?? '');
          setDrafts(draftsOfOrder(o, ings));
        } else if (supplierId) {
          const [sups, prices] = await Promise.all([
            get<{ id: number; name: string }[]>('/api/suppliers'),
            get<Quote[]>(`/api/prices?canteenId=${canteenId}&date=${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}`),
          ]);
          setSupplierName(sups.find((s) => s.id === supplierId)?.name ?? '');
          setQuotes(new Map(prices.filter((q) => q.supplierId === supplierId).map((q) => [q.ingredientId, q])));
        }
        setLoaded(true);
      } catch (e) {
        setLoadError((e as Error).message);
      }
    })();
  }, []);

  if (loadError) return <Alert type="error" showIcon title={loadError} action={<Button onClick={onRestart}>{t('返回', 'Back')}</Button>} style={{ marginBottom: 24 }} />;
  if (!loaded) return <Spin size="large" style={{ display: 'block', margin: 60 }} />;

  const withPrice = !order;
  const current = drafts[index];
  const patch = (p: Partial<Draft>) => {
    setHint(null);
    setDrafts((ds) => ds.map((d, i) => (i === index ? { ...d, ...p } : d)));
  };
  const go = (i: number) => {
    setHint(null);
    setIndex(i);
    setStage('lines');
    top.current?.scrollIntoView({ block: 'start' });
  };
  /** After this line: the next one not yet dealt with, else the summary. */
  const advance = (from: Draft[]) => {
    const next = [...from.keys()].find((i) => i > index && from[i]!.status === 'pending') ?? [...from.keys()].find((i) => from[i]!.status === 'pending');
    if (next === undefined) { setStage('summary'); top.current?.scrollIntoView({ block: 'start' }); } else go(next);
  };
  const finishLine = () => {
    const missing = missingStep(current!);
    if (missing) { setHint(missing); return; }
    const next = drafts.map((d, i) => (i === index ? { ...d, status: 'done' as const } : d));
    setDrafts(next);
    advance(next);
  };
  const skipLine = () => {
    const next = drafts.map((d, i) => (i === index ? { ...d, status: 'skipped' as const } : d));
    setDrafts(next);
    advance(next);
  };
  const addIngredient = (id: number) => {
    const ing = ingredients.get(id);
    if (!ing) return;
    const q = quotes.get(id);
    const price = q ? Math.round((q.priceFen * ing.gramsPerUnit) / q.gramsPerUnit) : null;
    setDrafts((ds) => [...ds, draftOfIngredient(ing, price)]);
    go(drafts.length);
  };
  const restart = () => {
    if (stage === 'done' || !drafts.some((d) => d.status !== 'pending')) { onRestart(); return; }
    modal.confirm({ title: t('放弃这次验收？', 'Abandon this receipt?'), content: t('已经称好的重量和结论都不会保存。', 'The weights and decisions entered so far are not kept.'),
      okText: t('放弃', 'Abandon'), cancelText: t('继续验收', 'Keep going'), okButtonProps: { danger: true }, onOk: onRestart });
  };
  const postReceipt = async () => {
    const lines = drafts.filter((d) => d.status === 'done').map((d) => toLineInput(d, withPrice));
    const result = await posting.run((requestKey) => post<Doc>('/api/stock/receipts', {
      canteenId, requestKey, ...(order ? { purchaseOrderId: order.id } : { supplierId }), note: note.trim(), lines,
    }));
    if (!result) return;
    setDoc(result);
    setStage('done');
    message.success(result.replayed ? t(`这张验收单之前已提交成功（${result.no}），没有重复入库`, `This receipt was already posted (${result.no}); nothing was posted twice`)
      : t(`已入库 ${result.no}`, `Posted ${result.no}`));
    top.current?.scrollIntoView({ block: 'start' });
  };

  const addable = [...ingredients.values()].filter((i) => i.active && !drafts.some((d) => d.ingredientId === i.id))
    .map((i) => ({ value: i.id, label: `${nameOf(i)}（${i.code}）`, search: `${i.name} ${i.nameEn} ${i.code}`.toLowerCase() }));
  const doneCount = drafts.filter((d) => d.status !== 'pending').length;

  return (
    <div ref={top} style={{ scrollMarginTop: 80 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={restart}>{stage === 'done' ? t('验收下一单', 'Next delivery') : t('换一张单', 'Another order')}</Button>
        <Typography.Text style={{ fontSize: 19 }} strong>{supplierName}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 17 }}>{order ? order.no : t('无单验收', 'No order')}</Typography.Text>
      </Space>

      {stage !== 'done' && (
        <nav aria-label={t('食材列表', 'Ingredients')} style={{ display: 'flex', gap: 8, overflowX: 'auto', padding: '2px 0 8px', marginBottom: 4 }}>
          {drafts.map((d, i) => (
            <Button key={d.ingredientId} type={stage === 'lines' && i === index ? 'primary' : 'default'} onClick={() => go(i)} style={{ flex: 'none' }}
              icon={d.status === 'done' ? <CheckCircleFilled style={{ color: stage === 'lines' && i === index ? '#fff' : '#52c41a' }} /> : d.status === 'skipped' ? <MinusCircleOutlined /> : undefined}>
              {i + 1}. {nameOf(d)}
            </Button>
          ))}
          {withPrice && drafts.length > 0 && (
            <Select aria-label={t('再添加食材', 'Add another ingredient')} value={null} placeholder={<><PlusOutlined /> {t('添加食材', 'Add')}</>} style={{ minWidth: 200, flex: 'none' }}
              showSearch={{ filterOption: (input, o) => String((o as { search?: string })?.search ?? '').includes(input.toLowerCase()) }} options={addable} onChange={addIngredient} />
          )}
          {drafts.length > 0 && (
            <Button type={stage === 'summary' ? 'primary' : 'dashed'} icon={<FileSearchOutlined />} style={{ flex: 'none' }} onClick={() => setStage('summary')}>
              {t(`汇总（${doneCount}/${drafts.length}）`, `Summary (${doneCount}/${drafts.length})`)}
            </Button>
          )}
        </nav>
      )}

      {stage === 'lines' && !drafts.length && (
        withPrice ? (
          <div style={{ maxWidth: 560, padding: '24px 0 48px' }}>
            <Typography.Title level={4}>{t('送来了什么？添加第一样食材', 'What came? Add the first ingredient')}</Typography.Title>
            <Select aria-label={t('添加食材', 'Add an ingredient')} size="large" autoFocus value={null} placeholder={t('输入名称或编码', 'Type a name or code')} style={{ width: '100%' }}
              showSearch={{ filterOption: (input, o) => String((o as { search?: string })?.search ?? '').includes(input.toLowerCase()) }} options={addable} onChange={addIngredient} />
          </div>
        ) : <Result status="success" title={t('这张采购单已经全部收齐', 'Everything on this order has been received')} extra={<Button size="large" onClick={onRestart}>{t('返回', 'Back')}</Button>} />
      )}

      {stage === 'lines' && current && (
        <>
          <LineStep draft={current} canteenId={canteenId} withPrice={withPrice} onChange={patch} />
          <div style={{ position: 'sticky', bottom: 0, zIndex: 5, background: '#fff', borderTop: '1px solid #eee', margin: '12px -24px 0', padding: '10px 24px', boxShadow: '0 -2px 8px rgba(0,0,0,.06)' }}>
            {hint && <Alert type="warning" showIcon title={hint} style={{ marginBottom: 10, fontSize: 17 }} />}
            <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
              <Button size="large" disabled={index === 0} icon={<ArrowLeftOutlined />} onClick={() => go(index - 1)} style={{ height: 56 }}>{t('上一样', 'Previous')}</Button>
              <Button size="large" icon={<StepForwardOutlined />} onClick={skipLine} style={{ height: 56 }}>{order ? t('这样没送，跳过', 'Not delivered: skip') : t('去掉这样', 'Remove')}</Button>
              <Button type="primary" size="large" onClick={finishLine} style={{ height: 56, fontSize: 22, marginLeft: 'auto', minWidth: 220 }}>
                {t('好了，下一样', 'Done, next')} <ArrowRightOutlined />
              </Button>
            </div>
          </div>
        </>
      )}

      {stage === 'summary' && (
        <div style={{ paddingBottom: 24 }}>
          <PostingError text={posting.errorText} onClose={posting.clearError} />
          <Summary drafts={drafts} note={note} onNote={setNote} onEdit={go} onPost={() => void postReceipt()} busy={posting.busy} />
        </div>
      )}

      {stage === 'done' && doc && (
        <div style={{ paddingBottom: 24 }}>
          <Result status="success" style={{ padding: '16px 0' }}
            title={t(`已入库，验收单 ${doc.no}`, `Posted: receipt ${doc.no}`)}
            subTitle={t(`入库金额 ${yuan(doc.totalFen)}。请拍照并上传随货单据。`, `Value ${yuan(doc.totalFen)}. Now take photos and upload the delivery documents.`)} />
          <Card title={t('照片与随货单据', 'Photos and documents')} style={{ marginBottom: 16 }}>
            <ReceiptAttachments doc={doc} writable onChange={setDoc} />
          </Card>
          <Space wrap size="middle">
            <Button type="primary" size="large" onClick={onRestart} style={{ height: 56, fontSize: 20 }}>{t('验收下一单', 'Next delivery')}</Button>
            <Button size="large" onClick={() => navigate('/stock')} style={{ height: 56 }}>{t('查看库存', 'See stock')}</Button>
            <Button size="large" onClick={() => navigate(`/stock/docs?doc=${doc.id}`)} style={{ height: 56 }}>{t('查看验收单', 'Open the receipt')}</Button>
          </Space>
        </div>
      )}
    </div>
  );
}
