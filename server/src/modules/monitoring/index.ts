export { monitoringRoutes } from './routes.ts';
export { P as monitoringPermissions } from './permissions.ts';
export { monitoringReactions, monitoringJobs, stopMonitoringJobs } from './reactions.ts';
export { monitoringNow, type MonitoringNow } from './now.ts';
export { MONITORING_ALERTS } from './alerts.ts';
export { seedDemoMonitoring, demoSensorCode, demoCameraCode, DEMO_CAMERA_TOKEN } from './demo.ts';
