import { defineAlertKinds } from '../alert/index.ts';

/** Told first: the hall manager, who answers for the checklist, and the site manager; escalation goes on from there. */
export const ALERT = defineAlertKinds([
  { key: 'inspection.overdue', source: 'inspection', zh: '自查项逾期未完成', en: 'Self-inspection item overdue', severity: 'warning', handlers: ['hall_manager', 'site_manager'] },
  { key: 'inspection.problem', source: 'inspection', zh: '自查发现问题', en: 'Problem found in self-inspection', severity: 'warning', handlers: ['hall_manager', 'site_manager'] },
] as const);
