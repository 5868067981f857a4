import { get, post } from '../../api.ts';

/** Shapes of server/src/devices (DeviceView, Reading); the token hash never reaches the browser. */
export interface Device {
  id: number;
  orgId: number;
  kind: string;
  code: string;
  name: string;
  active: boolean;
  lastSeenAt: string | null;
  createdAt: string;
  canteenName: string | null;
}

export interface Reading {
  deviceId: number;
  code: string;
  grams: number;
  stable: boolean;
  at: string;
  receivedAt: string;
}

export interface GatewayStatus {
  mqtt: { url: string; embedded: boolean; port: number | null } | null;
  counts: { accepted: number; malformed: number; ignored: number; refused: number };
}

export const listDevices = (canteenId?: number) => get<Device[]>(`/api/devices${canteenId ? `?canteenId=${canteenId}` : ''}`);
export const createDevice = (body: { canteenId: number; kind: string; code: string; name: string }) => post<{ device: Device; token: string }>('/api/devices', body);
export const rotateToken = (id: number) => post<{ device: Device; token: string }>(`/api/devices/${id}/rotate-token`);
export const setActive = (id: number, active: boolean) => post<Device>(`/api/devices/${id}/${active ? 'activate' : 'deactivate'}`);
export const gatewayStatus = () => get<GatewayStatus>('/api/devices/gateway');

/** Server-Sent Events of one device: the newest reading at once, then each new one. Returns a function that stops it. */
export function watchReadings(deviceId: number, onReading: (r: Reading) => void): () => void {
  const source = new EventSource(`/api/devices/${deviceId}/stream`, { withCredentials: true });
  source.addEventListener('reading', (e) => onReading(JSON.parse((e as MessageEvent<string>).data) as Reading));
  return () => source.close();
}
