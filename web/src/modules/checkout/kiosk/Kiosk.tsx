import { CameraOutlined, ClearOutlined, DisconnectOutlined, CreditCardOutlined, DeleteOutlined, HistoryOutlined, MinusOutlined, PlusOutlined, QrcodeOutlined, ScanOutlined, SmileOutlined, SyncOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Drawer, Input, Segmented, Spin, Tooltip, type InputRef } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, yuan } from '../../../api.ts';
import { currentLang, mealLabel, t } from '../../../i18n.ts';
import { checkoutApi, type Board, type BoardDish, type Identify, type SoldSale } from '../api.ts';
import { DishTiles, dishName } from './DishTiles.tsx';
import { nextStep } from './hints.ts';
import { cachedBoard, isNetworkFailure, lineAmount, sellOffline } from './offline.ts';
import { RecognizeDialog, type Recognised } from './RecognizeDialog.tsx';
import { dinerOf, ErrorPanel, mmss, paidOf, ResultPanel, undoUntilOf, UndoReasonModal, type Done } from './ResultPanel.tsx';
import { addLine, addPortion, countOf, removeOne, toSaleLines, trayTotal, type TrayLine } from './tray.ts';
import { useOffline } from './useOffline.ts';
import { WeighDialog } from './WeighDialog.tsx';

export interface StationChoice { canteenId: number; canteenName: string; stationId: number; stationName: string; stationCode: string; scaleCode: string | null }

/** After a sale the screen goes back to the next diner this long after the result appears. */
const RESET_AFTER_MS = 5000;
/** An online sale that takes longer than this is treated as a network failure (the request key keeps a late success from charging twice). */
const SALE_TIMEOUT_MS = 12_000;
const GREEN = '#1f6f5c';

/** A request key where crypto.randomUUID is missing (plain http on the LAN is not a secure context). */
const newRequestKey = () => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID()
  : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(''));

const withTimeout = <T,>(p: Promise<T>, ms: number) => new Promise<T>((resolve, reject) => {
  const timer = setTimeout(() => reject(new TypeError('timeout')), ms);
  p.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
});

/** The station screen: dishes on the left, tray and identification on the right, results big. */
export function Kiosk({ station, onChangeStation, header }: { station: StationChoice; onChangeStation: () => void; header: ReactNode }) {
  const { canteenId, stationId } = station;
  const off = useOffline(canteenId, stationId);
  const [online, setOnlineBoard] = useState<Board | null>(null);
  const [boardError, setBoardError] = useState(false);
  const [tray, setTray] = useState<TrayLine[]>([]);
  const [weighMode, setWeighMode] = useState(false);
  const [weighing, setWeighing] = useState<BoardDish | null>(null);
  const [recognising, setRecognising] = useState(false);
  const [canRecognise, setCanRecognise] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const [resetAt, setResetAt] = useState<number | null>(null);
  const [failure, setFailure] = useState<{ title: string; next: string } | null>(null);
  const [recent, setRecent] = useState<Done[]>([]);
  const [undoing, setUndoing] = useState<Done | null>(null);
  const [recentOpen, setRecentOpen] = useState(false);
  const [rejectedOpen, setRejectedOpen] = useState(false);
  const [cardNo, setCardNo] = useState('');
  const [code, setCode] = useState('');
  const [now, setNow] = useState(() => Date.now());
  const cardInput = useRef<InputRef>(null);
  const codeInput = useRef<InputRef>(null);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);

  // The board of the meal being served; the cached pack's when the server cannot be reached.
  const loadBoard = useCallback(() => {
    checkoutApi.board(canteenId).then((b) => { setOnlineBoard(b); setBoardError(false); off.sawServer(); }, (e) => {
      setBoardError(true);
      if (isNetworkFailure(e)) off.setReachable(false);
    });
  }, [canteenId, off.sawServer, off.setReachable]);
  useEffect(() => {
    loadBoard();
    const timer = setInterval(loadBoard, 60_000);
    return () => clearInterval(timer);
  }, [loadBoard]);
  const fallback = cachedBoard(off.pack, new Date(now));
  const board = online && (!boardError || !fallback) ? online : fallback ?? online;

  // The recogniser is another engineer's route: show its button only once the server has it.
  useEffect(() => {
    let stale = false;
    checkoutApi.recognize(canteenId, '').then(() => !stale && setCanRecognise(true), (e) => !stale && setCanRecognise(e instanceof ApiError && e.status !== 404 && e.status !== 405));
    return () => { stale = true; };
  }, [canteenId]);

  const modalOpen = weighing !== null || recognising || undoing !== null || recentOpen || rejectedOpen;
  // A USB card reader types into whatever has the focus: keep it on the card field.
  useEffect(() => {
    if (modalOpen) return;
    const timer = setInterval(() => {
      const a = document.activeElement;
      if (a === codeInput.current?.input) return;
      if (!a || a === document.body || a.tagName === 'BUTTON') cardInput.current?.focus();
    }, 400);
    return () => clearInterval(timer);
  }, [modalOpen]);

  const next = useCallback(() => {
    setDone(null);
    setResetAt(null);
    setTray([]);
    cardInput.current?.focus();
  }, []);
  useEffect(() => {
    if (resetAt !== null && now >= resetAt && !undoing) next();
  }, [now, resetAt, undoing, next]);

  const names = (list: TrayLine[]) => list.map((l) => {
    const d = board?.dishes.find((x) => x.dishId === l.dishId);
    const n = d ? dishName(d) : `#${l.dishId}`;
    return l.how === 'weigh' ? `${n} ${l.weightG} g` : l.portions > 1 ? `${n} ×${l.portions}` : n;
  });

  const fail = (code: string, title: string) => {
    setFailure({ title, next: nextStep(code) });
    setDone(null);
    setResetAt(null);
  };

  const charge = async (identify: Identify) => {
    if (busy) return;
    setFailure(null);
    if (!tray.length) { fail('empty_tray', t('托盘是空的', 'The tray is empty')); return; }
    const requestKey = newRequestKey();
    const lines = toSaleLines(tray);
    setBusy(true);
    try {
      if (navigator.onLine === false) throw new TypeError('offline');
      const sale: SoldSale = await withTimeout(checkoutApi.sell({ canteenId, stationId, requestKey, identify, lines }), SALE_TIMEOUT_MS);
      const d: Done = { kind: 'online', key: requestKey, sale, items: names(tray) };
      setDone(d);
      setRecent((r) => [d, ...r].slice(0, 20));
      setResetAt(Date.now() + RESET_AFTER_MS);
      off.sawServer();
    } catch (e) {
      if (!isNetworkFailure(e)) {
        const err = e as ApiError;
        if (err.code === 'dish_not_on_menu') loadBoard();
        fail(err.code ?? 'error', err.message);
        return;
      }
      // The server is out of reach: sell from the offline pack, under the same request key, so
      // that if the request did arrive after all the sync finds it recorded and charges nothing twice.
      if (!('card' in identify)) {
        fail('pay_code_offline', t('网络中断，暂不能使用付款码', 'The network is down: pay codes cannot be used now'));
        return;
      }
      const r = sellOffline({ pack: off.pack, queue: off.queue, card: identify.card, lines, requestKey, now: new Date() });
      if ('refusal' in r) { fail(r.refusal.code, currentLang() === 'en' ? r.refusal.en : r.refusal.zh); return; }
      off.enqueue(r.sale);
      const d: Done = { kind: 'offline', key: requestKey, queued: r.sale, items: names(tray) };
      setDone(d);
      setRecent((x) => [d, ...x].slice(0, 20));
      setResetAt(Date.now() + RESET_AFTER_MS);
    } finally {
      setBusy(false);
      setCardNo('');
      setCode('');
    }
  };

  const submitCard = () => {
    const v = cardNo.trim();
    if (!v) return;
    // A QR scanner on the card field: a pay code reads "SLP1.…".
    void charge(/^SLP1\./i.test(v) ? { qr: v } : { card: v.toUpperCase() });
  };
  const submitCode = () => {
    const v = code.trim();
    if (v) void charge({ qr: v });
  };

  const undo = async (d: Done, reason: string) => {
    setUndoing(null);
    try {
      if (d.kind === 'online') await checkoutApi.undo(d.sale.id, reason);
      else if (!off.dropQueued(d.queued.sale.requestKey)) {
        fail('offline_synced', t('这笔离线销售已同步到系统', 'This offline sale has already been synced'));
        return;
      }
      const mark = (x: Done) => (x.key === d.key ? { ...x, undone: true } : x);
      setRecent((r) => r.map(mark));
      setDone((cur) => (cur && cur.key === d.key ? mark(cur) : cur));
      setResetAt(Date.now() + RESET_AFTER_MS);
    } catch (e) {
      if (isNetworkFailure(e)) fail('network_down', t('网络中断，暂时无法撤销', 'The network is down: the sale cannot be undone now'));
      else fail((e as ApiError).code, (e as ApiError).message);
    }
  };

  const counts = useMemo(() => new Map((board?.dishes ?? []).map((d) => [d.dishId, countOf(tray, d.dishId)])), [board, tray]);
  const tapDish = (d: BoardDish) => {
    if (done) next();
    setFailure(null);
    if (weighMode) setWeighing(d);
    else setTray((x) => addPortion(x, d.dishId));
  };
  const addRecognised = (list: Recognised[]) => {
    setRecognising(false);
    if (done) next();
    setTray((x) => list.reduce((acc, r) => addLine(acc, { dishId: r.dishId, how: 'recognize', portions: 1, suggestedDishId: r.suggestedDishId, score: r.score }), x));
  };

  const total = trayTotal(board, tray);
  const undoable = recent.filter((d) => !d.undone && undoUntilOf(d) > now);
  const offlineMode = !off.reachable || off.queue.length > 0;

  return (
    <div style={{ height: '100vh', display: 'flex', flexDirection: 'column', background: '#eef1f0', overflow: 'hidden' }}>
      <header style={{ background: GREEN, color: '#fff', display: 'flex', alignItems: 'center', gap: 16, padding: '0 16px', minHeight: 72 }}>
        <span style={{ fontSize: 26, fontWeight: 700, whiteSpace: 'nowrap' }}>{t('智能结算台', 'Checkout')}</span>
        <span style={{ fontSize: 20, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={`${station.canteenName} · ${station.stationName}`}>{station.canteenName} · {station.stationName}</span>
        {board && <span style={{ fontSize: 20, background: 'rgba(255,255,255,0.18)', borderRadius: 8, padding: '2px 12px', whiteSpace: 'nowrap' }}>{mealLabel(board.meal)}</span>}
        <span style={{ marginLeft: 'auto', display: 'flex', gap: 10, alignItems: 'center', flexShrink: 0 }}>
          <Button size="large" icon={<HistoryOutlined />} onClick={() => setRecentOpen(true)} style={{ height: 56, fontSize: 20 }}>
            {t('最近结算', 'Recent sales')}{undoable.length ? ` (${undoable.length})` : ''}
          </Button>
          {header}
          <Button size="large" onClick={onChangeStation} style={{ height: 56, fontSize: 20 }}>{t('更换结算台', 'Change station')}</Button>
        </span>
      </header>
      {offlineMode && (
        <div role="status" aria-label={t('离线状态', 'Offline status')} style={{ background: '#fff7e6', borderBottom: '3px solid #d46b08', color: '#873800', padding: '8px 16px', display: 'flex', alignItems: 'center', gap: 16, fontSize: 24, fontWeight: 600 }}>
          <DisconnectOutlined />
          <span>{off.reachable ? t(`待同步 ${off.queue.length} 笔`, `${off.queue.length} to sync`) : t(`离线模式 · 待同步 ${off.queue.length} 笔`, `Offline · ${off.queue.length} to sync`)}</span>
          {off.pack && <span style={{ fontSize: 18, fontWeight: 400 }}>{t('离线数据', 'Offline data')} {new Date(off.pack.issuedAt).toLocaleTimeString()}</span>}
          <Button size="large" icon={<SyncOutlined spin={off.syncing} />} disabled={!off.queue.length || off.syncing} onClick={() => void off.syncNow()} style={{ marginLeft: 'auto', height: 56, fontSize: 20 }}>
            {t('立即同步', 'Sync now')}
          </Button>
        </div>
      )}
      {off.rejected.length > 0 && (
        <div role="alert" style={{ background: '#fff1f0', borderBottom: '3px solid #cf1322', color: '#a8071a', padding: '8px 16px', display: 'flex', alignItems: 'center', gap: 16, fontSize: 22 }}>
          <WarningOutlined />
          <span>{t(`${off.rejected.length} 笔离线销售被系统拒绝，请经理处理`, `${off.rejected.length} offline sales were refused: a manager must check them`)}</span>
          <Button size="large" onClick={() => setRejectedOpen(true)} style={{ marginLeft: 'auto', height: 56, fontSize: 20 }}>{t('查看', 'Show')}</Button>
        </div>
      )}
      <div style={{ flex: 1, display: 'flex', gap: 16, padding: 16, minHeight: 0 }}>
        <section aria-label={t('菜品', 'Dishes')} style={{ flex: 1.55, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
          <div style={{ display: 'flex', gap: 12, marginBottom: 12, alignItems: 'center' }}>
            <Segmented size="large" value={weighMode ? 'weigh' : 'tap'} onChange={(v) => setWeighMode(v === 'weigh')}
              options={[{ value: 'tap', label: <span style={{ fontSize: 22, lineHeight: '56px', padding: '0 12px' }}>{t('按份', 'By portion')}</span> },
                { value: 'weigh', label: <span style={{ fontSize: 22, lineHeight: '56px', padding: '0 12px' }}><ScanOutlined /> {t('称重', 'Weigh')}</span> }]} />
            {canRecognise && (
              <Button size="large" icon={<CameraOutlined />} onClick={() => setRecognising(true)} style={{ height: 64, fontSize: 22 }}>{t('识别', 'Recognise')}</Button>
            )}
            <span style={{ marginLeft: 'auto', fontSize: 18, color: '#595959' }}>{weighMode ? t('点菜品后放到秤上', 'Tap a dish, then put it on the scale') : t('点一下加一份，长按减一份', 'Tap adds a portion, long press takes one off')}</span>
          </div>
          <div style={{ flex: 1, overflowY: 'auto', paddingRight: 4 }}>
            {board ? <DishTiles dishes={board.dishes} counts={counts} weighMode={weighMode} onTap={tapDish} onRemove={(d) => setTray((x) => removeOne(x, d.dishId))} />
              : boardError ? <div style={{ fontSize: 26, padding: 40 }}>{t('无法读取菜单，也没有离线数据。请检查网络。', 'Cannot read the menu and there is no offline data. Check the network.')}</div>
              : <Spin size="large" style={{ display: 'block', marginTop: 120 }} />}
          </div>
        </section>
        <section aria-label={t('托盘与支付', 'Tray and payment')} style={{ flex: 1, minWidth: 420, maxWidth: 620, display: 'flex', flexDirection: 'column', gap: 12, minHeight: 0 }}>
          {done ? (
            <ResultPanel done={done} now={now} resetAt={undoing ? null : resetAt} onNext={next} onUndo={() => { setResetAt(null); setUndoing(done); }} />
          ) : failure ? (
            <ErrorPanel title={failure.title} next={failure.next} onClose={() => { setFailure(null); cardInput.current?.focus(); }} />
          ) : (
            <>
              <div aria-label={t('托盘', 'Tray')} style={{ flex: 1, background: '#fff', borderRadius: 14, padding: 12, overflowY: 'auto', minHeight: 0 }}>
                {!tray.length && <div style={{ fontSize: 24, color: '#8c8c8c', textAlign: 'center', marginTop: 40 }}>{t('请点选菜品', 'Tap the dishes on the tray')}</div>}
                {tray.map((l) => {
                  const d = board?.dishes.find((x) => x.dishId === l.dishId);
                  const amount = board ? lineAmount(board, l) : null;
                  return (
                    <div key={l.key} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                      <div style={{ flex: 1, minWidth: 0 }}>
                        <div style={{ fontSize: 24, fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{d ? dishName(d) : `#${l.dishId}`}</div>
                        <div style={{ fontSize: 18, color: '#8c8c8c' }}>
                          {l.how === 'weigh' ? `${t('称重', 'Weighed')} ${l.weightG} g` : l.how === 'recognize' ? t('识别', 'Recognised') : `${yuan(d?.priceFen)} × ${l.portions}`}
                        </div>
                      </div>
                      {l.how === 'tap' && (
                        <>
                          <Button size="large" aria-label={t('减一份', 'One less')} icon={<MinusOutlined />} onClick={() => setTray((x) => removeOne(x, l.dishId))} style={{ width: 64, height: 64 }} />
                          <span style={{ fontSize: 28, width: 36, textAlign: 'center', fontWeight: 700 }}>{l.portions}</span>
                          <Button size="large" aria-label={t('加一份', 'One more')} icon={<PlusOutlined />} onClick={() => setTray((x) => addPortion(x, l.dishId))} style={{ width: 64, height: 64 }} />
                        </>
                      )}
                      {l.how !== 'tap' && <Button size="large" aria-label={t('删除', 'Remove')} icon={<DeleteOutlined />} onClick={() => setTray((x) => x.filter((y) => y.key !== l.key))} style={{ width: 64, height: 64 }} />}
                      <span style={{ fontSize: 24, width: 100, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{yuan(amount)}</span>
                    </div>
                  );
                })}
              </div>
              <div style={{ background: '#fff', borderRadius: 14, padding: '10px 16px', display: 'flex', alignItems: 'center', gap: 12 }}>
                <span style={{ fontSize: 22 }}>{t('合计（菜单价）', 'Total at menu price')}</span>
                <span aria-label={t('合计', 'Total')} style={{ marginLeft: 'auto', fontSize: 44, fontWeight: 700, color: '#c0392b', fontVariantNumeric: 'tabular-nums' }}>{yuan(total)}</span>
                <Button size="large" aria-label={t('清空托盘', 'Clear the tray')} icon={<ClearOutlined />} disabled={!tray.length} onClick={() => setTray([])} style={{ height: 64, fontSize: 20 }}>{t('清空', 'Clear')}</Button>
              </div>
            </>
          )}
          <Spin spinning={busy}>
            <div style={{ background: '#fff', borderRadius: 14, padding: 12, display: 'flex', flexDirection: 'column', gap: 10 }}>
              <Input ref={cardInput} autoFocus size="large" value={cardNo} onChange={(e) => setCardNo(e.target.value)} onPressEnter={submitCard}
                aria-label={t('卡号', 'Card number')} placeholder={t('请刷卡（或输入卡号后按回车）', 'Tap the card (or type its number and press Enter)')}
                prefix={<CreditCardOutlined style={{ fontSize: 28, color: GREEN }} />} autoComplete="off" style={{ height: 64, fontSize: 26 }} />
              <div style={{ display: 'flex', gap: 10 }}>
                <Input ref={codeInput} size="large" value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={submitCode}
                  aria-label={t('付款码', 'Pay code')} placeholder={t('扫码：扫手机付款码', 'Scan: the pay code on the phone')}
                  prefix={<QrcodeOutlined style={{ fontSize: 26, color: GREEN }} />} autoComplete="off" style={{ height: 64, fontSize: 22, flex: 1 }} />
                <Button size="large" icon={<QrcodeOutlined />} onClick={() => codeInput.current?.focus()} style={{ height: 64, fontSize: 22 }}>{t('扫码', 'Scan')}</Button>
                <Tooltip title={t('人脸识别接口尚未接入', 'The face recognition interface is not connected yet')}>
                  <span><Button size="large" icon={<SmileOutlined />} disabled style={{ height: 64, fontSize: 22 }}>{t('刷脸', 'Face')}</Button></span>
                </Tooltip>
              </div>
            </div>
          </Spin>
        </section>
      </div>
      <WeighDialog dish={weighing} canteenId={canteenId} scaleCode={station.scaleCode} onClose={() => setWeighing(null)}
        onUse={(d, grams) => { setWeighing(null); setTray((x) => addLine(x, { dishId: d.dishId, how: 'weigh', portions: 1, weightG: grams })); }} />
      <RecognizeDialog open={recognising} canteenId={canteenId} dishes={board?.dishes ?? []} onAdd={addRecognised} onClose={() => setRecognising(false)} />
      <UndoReasonModal open={undoing !== null} onCancel={() => { setUndoing(null); if (done) setResetAt(Date.now() + RESET_AFTER_MS); }} onPick={(r) => undoing && void undo(undoing, r)} />
      <Drawer open={recentOpen} onClose={() => setRecentOpen(false)} size={560} title={<span style={{ fontSize: 26 }}>{t('最近结算', 'Recent sales')}</span>}>
        {!recent.length && <div style={{ fontSize: 22, color: '#8c8c8c' }}>{t('还没有结算', 'No sales yet')}</div>}
        {recent.map((d) => {
          const left = undoUntilOf(d) - now;
          return (
            <div key={d.key} style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
              <div style={{ flex: 1 }}>
                <div style={{ fontSize: 24, fontWeight: 600 }}>{dinerOf(d)} {d.kind === 'offline' && <DisconnectOutlined style={{ color: '#d46b08' }} />}</div>
                <div style={{ fontSize: 18, color: '#8c8c8c' }}>{d.items.join(t('、', ', '))}</div>
              </div>
              <span style={{ fontSize: 24, textDecoration: d.undone ? 'line-through' : undefined }}>{yuan(paidOf(d))}</span>
              {d.undone ? <span style={{ fontSize: 20, color: '#8c8c8c', width: 150, textAlign: 'center' }}>{t('已撤销', 'Undone')}</span>
                : left > 0 ? <Button danger size="large" onClick={() => { setRecentOpen(false); setUndoing(d); }} style={{ height: 64, width: 150, fontSize: 20 }}>{t('撤销', 'Undo')} {mmss(left)}</Button>
                : <span style={{ fontSize: 18, color: '#8c8c8c', width: 150, textAlign: 'center' }}>{t('撤销时限已过', 'Undo time over')}</span>}
            </div>
          );
        })}
      </Drawer>
      <Drawer open={rejectedOpen} onClose={() => setRejectedOpen(false)} size={640} title={<span style={{ fontSize: 26 }}>{t('被拒绝的离线销售', 'Refused offline sales')}</span>}>
        <div style={{ fontSize: 18, color: '#595959', marginBottom: 12 }}>{t('这些销售系统未入账（例如账户已冻结或超过离线额度）。请经理核对后与就餐人员联系，再点“已处理”。', 'The server did not record these (frozen account, over the offline limit …). A manager checks them with the diner, then taps “Handled”.')}</div>
        {off.rejected.map((r) => (
          <div key={r.sale.requestKey} style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
            <div style={{ flex: 1 }}>
              <div style={{ fontSize: 22, fontWeight: 600 }}>{r.dinerName}（{r.cardNo}） {yuan(r.menuFen)}</div>
              <div style={{ fontSize: 18 }}>{new Date(r.sale.soldAt).toLocaleString()} · {r.names.join(t('、', ', '))}</div>
              <div style={{ fontSize: 18, color: '#cf1322' }}>{r.message || r.code}</div>
            </div>
            <Button size="large" onClick={() => off.dismissRejected(r.sale.requestKey)} style={{ height: 64, fontSize: 20 }}>{t('已处理', 'Handled')}</Button>
          </div>
        ))}
      </Drawer>
    </div>
  );
}
