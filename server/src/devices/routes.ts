import { IdParams, route, type App } from '../core/http.ts';
import { z } from 'zod';
import { CheckKioskReading, CreateDeviceInput, DEVICE_CODE_HEADER, DEVICE_TOKEN_HEADER, DeviceQuery, LockerReading, SampleCabinetReading, ScaleReading, SensorReading } from './contracts.ts';
import { runningGateway } from './gateway.ts';
import { readingHub } from './hub.ts';
import { readingStream, receiveReading } from './http-readings.ts';
import { P } from './permissions.ts';
import * as registry from './registry.ts';

const tag = '设备 devices';
const read = { permission: P['devices.device.read'] };
const manage = { permission: P['devices.device.manage'] };

export function deviceRoutes(app: App): void {
  route(app, { method: 'get', path: '/api/devices', tag, summary: '设备列表 / devices of my canteens', guard: read, query: DeviceQuery,
    handler: (ctx, { query }) => registry.listDevices(ctx, query) });
  route(app, { method: 'post', path: '/api/devices', tag, summary: '登记设备（令牌只显示这一次） / register a device (the token is shown once)', guard: manage, body: CreateDeviceInput, status: 201,
    handler: (ctx, { body }) => registry.createDevice(ctx, body) });
  route(app, { method: 'post', path: '/api/devices/:id/rotate-token', tag, summary: '更换令牌 / new token (the old one stops working)', guard: manage, params: IdParams,
    handler: (ctx, { params }) => registry.rotateToken(ctx, params.id) });
  route(app, { method: 'post', path: '/api/devices/:id/deactivate', tag, summary: '停用设备 / deactivate', guard: manage, params: IdParams,
    handler: (ctx, { params }) => registry.setDeviceActive(ctx, params.id, false) });
  route(app, { method: 'post', path: '/api/devices/:id/activate', tag, summary: '启用设备 / reactivate', guard: manage, params: IdParams,
    handler: (ctx, { params }) => registry.setDeviceActive(ctx, params.id, true) });
  route(app, { method: 'get', path: '/api/devices/:id/latest', tag, summary: '最新读数 / newest reading', guard: read, params: IdParams,
    handler: (ctx, { params }) => registry.latestReading(ctx, params.id) });
  route(app, { method: 'get', path: '/api/devices/:id/stream', tag, summary: '读数推送（Server-Sent Events） / readings as Server-Sent Events', guard: read, params: IdParams,
    handler: (ctx, { params }, c) => readingStream(ctx, params.id, c) });
  route(app, { method: 'get', path: '/api/devices/gateway', tag, summary: '网关状态与计数 / gateway address and counters', guard: manage,
    handler: async (ctx) => {
      const gateway = runningGateway(ctx.platform);
      const hub = readingHub(ctx.platform);
      return { mqtt: gateway && { url: gateway.url, embedded: gateway.embedded, port: gateway.port }, counts: hub.counts, streams: hub.openStreams() };
    } });
  // Devices hold no session: they sign in per request with their code and token headers, checked in receiveReading.
  route(app, { method: 'post', path: '/api/devices/readings', tag, summary: `设备上报读数（请求头 ${DEVICE_CODE_HEADER} 与 ${DEVICE_TOKEN_HEADER}） / a device sends a reading (headers ${DEVICE_CODE_HEADER}, ${DEVICE_TOKEN_HEADER})`,
    // The first schema that fits wins and drops the other keys, so the sensor's bare temperature comes last.
    guard: { public: true }, body: z.union([ScaleReading, LockerReading, CheckKioskReading, SampleCabinetReading, SensorReading]), noTransaction: true,
    handler: (ctx, { body }, c) => receiveReading(ctx, c.req.header(DEVICE_CODE_HEADER), c.req.header(DEVICE_TOKEN_HEADER), body) });
}
