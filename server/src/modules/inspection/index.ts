export { inspectionRoutes } from './routes.ts';
export { P as inspectionPermissions } from './permissions.ts';
export { inspectionReactions, stopInspectionJobs, sweepInspections } from './sweep.ts';
export { inspectionDay, inspectionPhotoForOpenKitchen, type InspectionDay } from './day.ts';
export { seedDemoInspections } from './demo.ts';
