/** A new alert was raised (after its transaction commits); the notifiers react to it. */
export const ALERT_RAISED = 'alert.alert.raised';

export interface AlertRaised {
  alertId: number;
}
