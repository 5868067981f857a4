import { CheckCircleFilled, CloseCircleFilled, DisconnectOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import { yuan } from '../../../api.ts';
import { t } from '../../../i18n.ts';
import type { SoldSale } from '../api.ts';
import type { QueuedSale } from './offline.ts';

/** A sale just made: online (the server's answer) or offline (waiting in the queue). */
export type Done =
  | { kind: 'online'; key: string; sale: SoldSale; items: string[]; undone?: boolean }
  | { kind: 'offline'; key: string; queued: QueuedSale; items: string[]; undone?: boolean };

export const undoUntilOf = (d: Done) => (d.kind === 'online' ? new Date(d.sale.undoUntil).getTime() : new Date(d.queued.sale.soldAt).getTime() + 120_000);
export const dinerOf = (d: Done) => (d.kind === 'online' ? d.sale.diner.name : d.queued.dinerName);
/** What the diner paid from their wallets: the due amount less the unit's meal subsidy. */
export const paidOf = (d: Done) => (d.kind === 'online' ? d.sale.fromSubsidyFen + d.sale.fromCashFen : d.queued.menuFen);

const mmss = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export const UNDO_REASONS = [
  { zh: '选错菜品', en: 'Wrong dishes' },
  { zh: '重复结算', en: 'Charged twice' },
  { zh: '顾客取消', en: 'Diner cancelled' },
];

/** Asks why, with three big answers: the undo needs a reason and the cashier has no time to type. */
export function UndoReasonModal({ open, onPick, onCancel }: { open: boolean; onPick: (reason: string) => void; onCancel: () => void }) {
  return (
    <Modal open={open} onCancel={onCancel} footer={null} title={<span style={{ fontSize: 26 }}>{t('撤销原因', 'Why undo?')}</span>} width={520} destroyOnHidden>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        {UNDO_REASONS.map((r) => (
          <Button key={r.zh} size="large" onClick={() => onPick(t(r.zh, r.en))} style={{ height: 72, fontSize: 26 }}>{t(r.zh, r.en)}</Button>
        ))}
        <Button size="large" type="text" onClick={onCancel} style={{ height: 64, fontSize: 22 }}>{t('不撤销', 'Keep the sale')}</Button>
      </div>
    </Modal>
  );
}

const Row = ({ label, value, strong, color }: { label: string; value: string; strong?: boolean; color?: string }) => (
  <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', padding: '2px 0', fontSize: strong ? 32 : 22, fontWeight: strong ? 700 : 400, color }}>
    <span>{label}</span><span style={{ fontVariantNumeric: 'tabular-nums' }}>{value}</span>
  </div>
);

/** The big answer after a card: who, what, what the unit paid, what the diner paid, what is left; undo with its countdown. */
export function ResultPanel({ done, now, resetAt, onUndo, onNext }: { done: Done; now: number; resetAt: number | null; onUndo: () => void; onNext: () => void }) {
  const left = undoUntilOf(done) - now;
  const offline = done.kind === 'offline';
  const bal = done.kind === 'online' ? done.sale.balances : null;
  const colour = done.undone ? '#8c8c8c' : offline ? '#d46b08' : '#237804';
  return (
    <div role="status" aria-label={t('结算结果', 'Sale result')} style={{ border: `4px solid ${colour}`, borderRadius: 16, background: '#fff', padding: '14px 20px', display: 'flex', flexDirection: 'column', gap: 8, flex: 1, minHeight: 0 }}>
      <div style={{ flex: 1, minHeight: 0, overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: 2 }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, color: colour, fontSize: 36, fontWeight: 700 }}>
          {done.undone ? <UndoOutlined /> : offline ? <DisconnectOutlined /> : <CheckCircleFilled />}
          <span>{done.undone ? t('已撤销', 'Undone') : offline ? t('离线收款成功', 'Paid offline') : t('支付成功', 'Paid')}</span>
        </div>
        <div style={{ fontSize: 40, fontWeight: 700, lineHeight: 1.2 }}>{dinerOf(done)}</div>
        <div style={{ fontSize: 22, color: '#595959' }}>{done.items.join(t('、', ', '))}</div>
        <div style={{ borderTop: '1px solid #f0f0f0', marginTop: 6, paddingTop: 6 }}>
          {done.kind === 'online' ? (
            <>
              <Row label={t('菜单金额', 'Menu price')} value={yuan(done.sale.menuFen)} />
              {done.sale.dueFen !== done.sale.menuFen && <Row label={t('按就餐类别应付', 'Due for this diner category')} value={yuan(done.sale.dueFen)} />}
              {done.sale.mealSubsidyFen > 0 && <Row label={t('单位补贴', 'Unit subsidy')} value={`− ${yuan(done.sale.mealSubsidyFen)}`} color="#1f6fb2" />}
              <Row label={t('实付', 'Paid')} value={yuan(paidOf(done))} strong />
              {done.sale.fromSubsidyFen > 0 && <Row label={t('其中补贴钱包 / 现金', 'from subsidy wallet / cash')} value={`${yuan(done.sale.fromSubsidyFen)} / ${yuan(done.sale.fromCashFen)}`} color="#8c8c8c" />}
              {bal && <Row label={t('余额', 'Balance after')} value={yuan(bal.cashFen + bal.subsidyFen)} strong color="#1f6f5c" />}
              {bal && bal.subsidyFen > 0 && <Row label={t('（现金 / 补贴）', '(cash / subsidy)')} value={`${yuan(bal.cashFen)} / ${yuan(bal.subsidyFen)}`} color="#8c8c8c" />}
            </>
          ) : (
            <>
              <Row label={t('菜单金额', 'Menu price')} value={yuan(done.queued.menuFen)} strong />
              <div style={{ fontSize: 20, color: '#d46b08' }}>{t('网络中断：已离线记账，补贴和余额在联网同步后结算。', 'Network down: recorded offline; subsidy and balance are settled when the station syncs.')}</div>
            </>
          )}
        </div>
      </div>
      <div style={{ display: 'flex', gap: 12 }}>
        {!done.undone && left > 0 && (
          <Button size="large" danger icon={<UndoOutlined />} onClick={onUndo} style={{ height: 72, fontSize: 26, flex: 1 }}>
            {t('撤销', 'Undo')} {mmss(left)}
          </Button>
        )}
        <Button size="large" type="primary" onClick={onNext} style={{ height: 72, fontSize: 26, flex: 1 }}>
          {t('下一位', 'Next')}{resetAt !== null ? ` (${Math.max(0, Math.ceil((resetAt - now) / 1000))})` : ''}
        </Button>
      </div>
    </div>
  );
}

/** A refusal, big and plain, with what to do next. */
export function ErrorPanel({ title, next, onClose }: { title: string; next: string; onClose: () => void }) {
  return (
    <div role="alert" style={{ border: '4px solid #cf1322', borderRadius: 16, background: '#fff1f0', padding: 24, display: 'flex', flexDirection: 'column', gap: 12, flex: 1, minHeight: 0, overflowY: 'auto' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, color: '#cf1322', fontSize: 36, fontWeight: 700 }}><CloseCircleFilled /> {t('未扣款', 'Not charged')}</div>
      <div style={{ fontSize: 32, fontWeight: 700, color: '#141414' }}>{title}</div>
      <div style={{ fontSize: 26, color: '#434343' }}>{next}</div>
      <Button size="large" type="primary" danger onClick={onClose} style={{ height: 72, fontSize: 26, marginTop: 'auto' }}>{t('知道了', 'OK')}</Button>
    </div>
  );
}

export { mmss };
