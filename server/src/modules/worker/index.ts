export { workerRoutes } from './routes.ts';
export { P as workerPermissions } from './permissions.ts';
export { workerReactions, stopWorkerJobs, sweepCertificates, kioskActivity } from './jobs.ts';
export { morningCheckDay } from './checks.ts';
export { seedDemoWorkers, demoBadge, demoKioskCode } from './demo.ts';
