import { IdParams, route, type App } from '../../core/http.ts';
import { listCameras, createCamera, rotateCameraToken, updateCamera } from './cameras.ts';
import { CameraInput, CameraUpdate, CanteenQuery, EventQuery, HistoryQuery, KitchenEventInput, ProfileInput, ReviewInput, WeeklyQuery } from './contracts.ts';
import { eventSnapshotOf, kitchenEventById, listKitchenEvents, receiveKitchenEvent, reviewKitchenEvent, weeklyCounts } from './kitchen-events.ts';
import { P } from './permissions.ts';
import { listSensors, placeList, sensorHistory, setProfile } from './sensors.ts';
import { inlineFile } from '../../core/inline-file.ts';

const sensors = '温湿度监控 sensors';
const cameras = '摄像头与后厨行为 cameras & kitchen events';

export function monitoringRoutes(app: App): void {
  const sensorRead = { permission: P['monitoring.sensor.read'] };
  route(app, { method: 'get', path: '/api/monitoring/places', tag: sensors, summary: '位置与默认阈值 / places and their default thresholds', guard: sensorRead,
    handler: async () => placeList() });
  route(app, { method: 'get', path: '/api/monitoring/sensors', tag: sensors, summary: '传感器、阈值与当前读数 / sensors, thresholds and current values', guard: sensorRead, query: CanteenQuery,
    handler: (ctx, { query }) => listSensors(ctx, query) });
  route(app, { method: 'put', path: '/api/monitoring/sensors/:id/profile', tag: sensors, summary: '设置位置、阈值与延时报警 / set place, thresholds and hold time', guard: { permission: P['monitoring.sensor.manage'] }, params: IdParams, body: ProfileInput,
    handler: (ctx, { params, body }) => setProfile(ctx, params.id, body) });
  route(app, { method: 'get', path: '/api/monitoring/sensors/:id/history', tag: sensors, summary: '温湿度曲线（24 小时按分钟 / 7 天按 10 分钟） / history: 24 h per minute, 7 d per 10 minutes', guard: sensorRead, params: IdParams, query: HistoryQuery,
    handler: (ctx, { params, query }) => sensorHistory(ctx, params.id, query) });

  const cameraManage = { permission: P['monitoring.camera.manage'] };
  route(app, { method: 'get', path: '/api/monitoring/cameras', tag: cameras, summary: '摄像头与直播地址 / cameras and live views', guard: { permission: P['monitoring.camera.read'] }, query: CanteenQuery,
    handler: (ctx, { query }) => listCameras(ctx, query) });
  route(app, { method: 'post', path: '/api/monitoring/cameras', tag: cameras, summary: '登记摄像头（令牌只显示这一次） / register a camera (the token is shown once)', guard: cameraManage, body: CameraInput, status: 201,
    handler: (ctx, { body }) => createCamera(ctx, body) });
  route(app, { method: 'put', path: '/api/monitoring/cameras/:id', tag: cameras, summary: '修改摄像头 / edit a camera', guard: cameraManage, params: IdParams, body: CameraUpdate,
    handler: (ctx, { params, body }) => updateCamera(ctx, params.id, body) });
  route(app, { method: 'post', path: '/api/monitoring/cameras/:id/rotate-token', tag: cameras, summary: '更换令牌 / new token (the old one stops working)', guard: cameraManage, params: IdParams,
    handler: (ctx, { params }) => rotateCameraToken(ctx, params.id) });

  // The camera system holds no session: each event is signed in with the camera's token, checked in receiveKitchenEvent.
  route(app, { method: 'post', path: '/api/monitoring/kitchen-events', tag: cameras,
    summary: '摄像头系统推送后厨行为事件（请求头 Authorization: Bearer <摄像头令牌>；同一 eventId 只记一次） / a camera system posts a kitchen event (header Authorization: Bearer <camera token>; one record per eventId)',
    guard: { public: true }, body: KitchenEventInput, status: 201,
    handler: async (ctx, { body }, c) => {
      const r = await receiveKitchenEvent(ctx, c.req.header('authorization'), body);
      return c.json(r, r.duplicate ? 200 : 201);
    } });
  const eventRead = { permission: P['monitoring.event.read'] };
  route(app, { method: 'get', path: '/api/monitoring/kitchen-events', tag: cameras, summary: '后厨行为事件 / kitchen events', guard: eventRead, query: EventQuery,
    handler: (ctx, { query }) => listKitchenEvents(ctx, query) });
  route(app, { method: 'get', path: '/api/monitoring/kitchen-events/weekly', tag: cameras, summary: '每周各类事件数 / events per type and week', guard: eventRead, query: WeeklyQuery,
    handler: (ctx, { query }) => weeklyCounts(ctx, query) });
  route(app, { method: 'get', path: '/api/monitoring/kitchen-events/:id', tag: cameras, summary: '一条事件 / one kitchen event', guard: eventRead, params: IdParams,
    handler: (ctx, { params }) => kitchenEventById(ctx, params.id) });
  route(app, { method: 'get', path: '/api/monitoring/kitchen-events/:id/snapshot', tag: cameras, summary: '事件快照 / the event snapshot', guard: eventRead, params: IdParams,
    handler: async (ctx, { params }) => {
      const s = await eventSnapshotOf(ctx, params.id);
      return inlineFile(s.data, s.mime, { maxAgeS: 86400 });
    } });
  route(app, { method: 'post', path: '/api/monitoring/kitchen-events/:id/review', tag: cameras, summary: '复核：确认或误报 / review: confirm or false alarm', guard: { permission: P['monitoring.event.review'] }, params: IdParams, body: ReviewInput,
    handler: (ctx, { params, body }) => reviewKitchenEvent(ctx, params.id, body) });
}

