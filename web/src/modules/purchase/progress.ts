import { useEffect, useState } from 'react';
import { get } from '../../api.ts';
import { isOpen, lineDone, type Order, type OrderRow } from './status.tsx';

export interface OrderProgress { lines: number; done: number; receivedG: number; orderedG: number }

export const progressOf = (o: Order): OrderProgress => ({
  lines: o.lines.length,
  done: o.lines.filter(lineDone).length,
  receivedG: o.lines.reduce((s, l) => s + l.receivedG, 0),
  orderedG: o.lines.reduce((s, l) => s + l.orderedG, 0),
});

/**
 * Line figures of the orders still to receive. The order list carries none (see the report: API
 * gap), so the open ones (a handful at a time) are read one by one.
 */
export function useOrderProgress(rows: OrderRow[], limit = 40): Map<number, OrderProgress> {
  const [progress, setProgress] = useState<Map<number, OrderProgress>>(new Map());
  const ids = rows.filter((o) => isOpen(o.status)).slice(0, limit).map((o) => o.id);
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    void Promise.all(ids.map((id) => get<Order>(`/api/purchase-orders/${id}`).catch(() => null))).then((list) => {
      if (live) setProgress(new Map(list.filter((o): o is Order => !!o).map((o) => [o.id, progressOf(o)])));
    });
    return () => { live = false; };
  }, [key]);
  return progress;
}
