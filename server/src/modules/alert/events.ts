/** A new alert was raised (after its transaction commits); the notifiers react to it. */
export const ALERT_RAISED = 'alert.alert.raised';

export interface AlertRaised {
  alertId: number;
}

/** An unacknowledged alert went up a level (after its transaction commits); the notifiers tell the people named. */
export const ALERT_ESCALATED = 'alert.alert.escalated';

export interface AlertEscalated {
  alertId: number;
  level: number;
  personIds: number[];
}
