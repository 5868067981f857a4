/** What a supplier is sent: enough for a supplier platform (e.g. 食采云) to book the order. */
export interface OrderForSupplier {
  no: string;
  canteen: { code: string; name: string };
  supplier: { code: string; name: string };
  deliveryDate: string;
  lines: { ingredientCode: string; ingredientName: string; purchaseUnit: string; qty: number; unitPriceFen: number; amountFen: number }[];
  totalFen: number;
}

/**
 * A way of sending a purchase order. The local channel is paper: the order's PDF is printed or
 * handed over, and sending records that it went. A supplier-platform adapter implements the same.
 */
export interface SupplierChannel {
  key: string;
  zh: string;
  en: string;
  send(order: OrderForSupplier): Promise<{ ref: string }>;
}

export const printChannel: SupplierChannel = {
  key: 'print',
  zh: '打印 / PDF 交供应商',
  en: 'Printed or PDF to the supplier',
  send: async (order) => ({ ref: order.no }),
};

const channels = new Map<string, SupplierChannel>([[printChannel.key, printChannel]]);

export const supplierChannels = () => [...channels.values()];
export const supplierChannel = (key: string) => channels.get(key);
/** For adapters registered at start (and tests that stand in for a supplier platform). */
export const registerSupplierChannel = (c: SupplierChannel) => void channels.set(c.key, c);
