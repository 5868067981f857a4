export { deviceRoutes } from './routes.ts';
export { P as devicePermissions } from './permissions.ts';
export { sendDeviceCommand, startDeviceGateway, type DeviceGateway } from './gateway.ts';
export { DEVICE_CHANGED, DEVICE_READING, type DeviceChanged, type Reading } from './events.ts';
export { authenticateDevice, createDevice, devicesOfKind, latestReading, listDevices, stableWeight, type DeviceView } from './registry.ts';
export { deviceTopic, DEVICE_CODE_HEADER, DEVICE_TOKEN_HEADER, type CheckKioskCommand, type CheckKioskReading, type LockerCommand, type LockerReading, type SampleCabinetReading, type SensorReading } from './contracts.ts';
export { DEMO_DEVICE_TOKEN, demoCheckoutScaleCode, demoLockerCode, demoScaleCode, seedDemoDevices } from './demo.ts';
export { DEVICE_KINDS, type DeviceKind } from './schema.ts';
export { hashToken, newToken, tokenMatches } from './token.ts';
