export { sampleRoutes } from './routes.ts';
export { P as samplePermissions } from './permissions.ts';
export { SAMPLE_ALERTS } from './alerts.ts';
export { sampleReactions, sampleJobsIdle, stopSampleJobs, sweepMissingSamples } from './jobs.ts';
export { sampleDay } from './day.ts';
export { samplePhotoForOpenKitchen } from './open-kitchen.ts';
export { seedDemoSamples, demoCabinetCode } from './demo.ts';
