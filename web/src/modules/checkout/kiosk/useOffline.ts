import { useCallback, useEffect, useRef, useState } from 'react';
import { checkoutApi, type OfflinePack } from '../api.ts';
import { applySync, backoffMs, isNetworkFailure, loadPack, loadQueue, loadRejected, savePack, saveQueue, saveRejected, type QueuedSale, type RejectedSale } from './offline.ts';

/** The offline pack is fetched again this often while the station runs. */
const PACK_EVERY_MS = 3 * 60_000;

/**
 * The station's offline side: the pack (downloaded at start and every few minutes), the queue of
 * sales made offline and its sync with backoff, the list of sales the server refused.
 */
export function useOffline(canteenId: number, stationId: number) {
  const [pack, setPack] = useState<OfflinePack | null>(() => loadPack(canteenId));
  const [queue, setQueueState] = useState<QueuedSale[]>(() => loadQueue(canteenId, stationId));
  const [rejected, setRejectedState] = useState<RejectedSale[]>(() => loadRejected(canteenId, stationId));
  const [reachable, setReachable] = useState(true);
  const [syncing, setSyncing] = useState(false);
  const failures = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const running = useRef(false);

  // The queue lives in localStorage; every change goes there first so a reload loses nothing.
  const setQueue = useCallback((f: (q: QueuedSale[]) => QueuedSale[]) => {
    const next = f(loadQueue(canteenId, stationId));
    saveQueue(canteenId, stationId, next);
    setQueueState(next);
    return next;
  }, [canteenId, stationId]);

  const refreshPack = useCallback(async () => {
    try {
      const p = await checkoutApi.offlinePack(canteenId);
      try { savePack(p); } catch { /* storage full: keep it in memory */ }
      setPack(p);
      setReachable(true);
    } catch (e) {
      if (isNetworkFailure(e)) setReachable(false);
    }
  }, [canteenId]);

  const syncNow = useCallback(async () => {
    if (running.current) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const sent = loadQueue(canteenId, stationId).slice(0, 500);
    if (!sent.length) return;
    running.current = true;
    setSyncing(true);
    try {
      const result = await checkoutApi.sync({ canteenId, stationId, sales: sent.map((q) => q.sale) });
      let moved: RejectedSale[] = [];
      setQueue((q) => {
        const r = applySync(q, sent, result, new Date());
        moved = r.rejected;
        return r.queue;
      });
      if (moved.length) {
        const next = [...moved, ...loadRejected(canteenId, stationId)];
        saveRejected(canteenId, stationId, next);
        setRejectedState(next);
      }
      failures.current = 0;
      setReachable(true);
      void refreshPack();
      if (loadQueue(canteenId, stationId).length) timer.current = setTimeout(() => void syncNow(), 500);
    } catch (e) {
      failures.current++;
      if (isNetworkFailure(e)) setReachable(false);
      timer.current = setTimeout(() => void syncNow(), backoffMs(failures.current));
    } finally {
      running.current = false;
      setSyncing(false);
    }
  }, [canteenId, stationId, refreshPack, setQueue]);

  useEffect(() => {
    void refreshPack();
    const every = setInterval(() => void refreshPack(), PACK_EVERY_MS);
    const back = () => { failures.current = 0; void syncNow(); void refreshPack(); };
    window.addEventListener('online', back);
    if (loadQueue(canteenId, stationId).length) void syncNow();
    return () => {
      clearInterval(every);
      window.removeEventListener('online', back);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [canteenId, stationId, refreshPack, syncNow]);

  const enqueue = useCallback((s: QueuedSale) => {
    setQueue((q) => [...q, s]);
    setReachable(false);
    failures.current++;
    if (!timer.current && !running.current) timer.current = setTimeout(() => void syncNow(), backoffMs(failures.current));
  }, [setQueue, syncNow]);

  /** Takes back a sale that never reached the server: it simply leaves the queue. */
  const dropQueued = useCallback((requestKey: string) => {
    let found = false;
    setQueue((q) => q.filter((s) => (s.sale.requestKey === requestKey ? ((found = true), false) : true)));
    return found;
  }, [setQueue]);

  const dismissRejected = useCallback((requestKey: string) => {
    const next = loadRejected(canteenId, stationId).filter((r) => r.sale.requestKey !== requestKey);
    saveRejected(canteenId, stationId, next);
    setRejectedState(next);
  }, [canteenId, stationId]);

  /** The server answered a request: a good moment to send what waits. */
  const sawServer = useCallback(() => {
    setReachable(true);
    if (loadQueue(canteenId, stationId).length && !running.current) {
      failures.current = 0;
      void syncNow();
    }
  }, [canteenId, stationId, syncNow]);

  return { pack, queue, rejected, reachable, syncing, syncNow, enqueue, dropQueued, dismissRejected, sawServer, setReachable };
}
