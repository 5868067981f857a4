export { alertRoutes } from './routes.ts';
export { P as alertPermissions } from './permissions.ts';
export { alertReactions, alertJobs, type AlertJobs } from './reactions.ts';
export { alertSummary, raiseAlert, resolveAlertsWhere, type AlertSelector, type AlertView, type RaiseAlert } from './service.ts';
export { defineAlertKinds, type AlertKindDef, type Severity } from './kinds.ts';
export { addNotifier, type Notifier, type Recipient } from './notify.ts';
export { ALERT_RAISED, type AlertRaised } from './events.ts';
