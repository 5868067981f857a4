export { deviceRoutes } from './routes.ts';
export { P as devicePermissions } from './permissions.ts';
export { startDeviceGateway, type DeviceGateway } from './gateway.ts';
export { DEVICE_CHANGED, DEVICE_READING, type DeviceChanged, type Reading } from './events.ts';
export { latestReading, listDevices, stableWeight, type DeviceView } from './registry.ts';
export { DEMO_DEVICE_TOKEN, demoCheckoutScaleCode, demoScaleCode, seedDemoDevices } from './demo.ts';
export { DEVICE_KINDS, type DeviceKind } from './schema.ts';
