/** The event a CloudBase timer trigger passes to main. */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  /** UTC, second precision, e.g. 2026-01-01T02:00:00Z (as SCF sends it). */
  Time: string;
  Message: string;
}

export function timerEvent(triggerName: string, at: Date): TimerEvent {
  return { Type: 'Timer', TriggerName: triggerName, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' };
}
