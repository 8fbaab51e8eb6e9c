import { Cron } from 'croner';

/** CloudBase timer triggers run on China time, whatever the machine's zone. */
export const TIMER_TIMEZONE = 'Asia/Shanghai';

export class TimerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimerConfigError';
  }
}

/**
 * CloudBase's cron has 7 fields: second minute hour day month weekday year. croner's
 * "7-part" mode reads exactly that order (year last), so no translation is needed; the
 * mode also rejects 5- and 6-field patterns, which CloudBase would refuse too.
 */
export function cronOptions(): { mode: '7-part'; timezone: string } {
  return { mode: '7-part', timezone: TIMER_TIMEZONE };
}

/**
 * Only the wildcards WeChat documents for timer triggers ("通配符: , - * /"); croner also
 * reads `?`, `L`, `#` and `W`, which the platform does not promise.
 */
const FIELD = /^[0-9A-Za-z*,/-]+$/;
const YEAR_RANGE = { min: 1970, max: 2099 };

function platformRuleBroken(cron: string): string | null {
  const fields = cron.split(/\s+/);
  if (fields.length !== 7) return `${fields.length} fields`;
  const odd = fields.find((f) => !FIELD.test(f));
  if (odd) return `field "${odd}" uses a wildcard other than , - * /`;
  const years = fields[6].match(/\d+/g) ?? [];
  const outside = years.map(Number).find((y) => y < YEAR_RANGE.min || y > YEAR_RANGE.max);
  if (outside !== undefined) return `year ${outside} outside ${YEAR_RANGE.min}-${YEAR_RANGE.max}`;
  return null;
}

/** Throws a TimerConfigError naming the function and trigger when the pattern is invalid. */
export function validateTimerCron(functionName: string, triggerName: string, cron: string): void {
  const broken = platformRuleBroken(cron.trim());
  if (broken) {
    throw new TimerConfigError(`function "${functionName}", timer trigger "${triggerName}": invalid cron "${cron}" (expected 7 fields: second minute hour day month weekday year): ${broken}`);
  }
  let probe: Cron | undefined;
  try {
    probe = new Cron(cron, { ...cronOptions(), paused: true });
  } catch (error) {
    throw new TimerConfigError(`function "${functionName}", timer trigger "${triggerName}": invalid cron "${cron}" (expected 7 fields: second minute hour day month weekday year): ${(error as Error).message}`);
  } finally {
    probe?.stop();
  }
}

/** Next fire time after `from`, or null when the pattern never fires again (e.g. a past year). */
export function nextFireTime(cron: string, from: Date = new Date()): Date | null {
  const probe = new Cron(cron, { ...cronOptions(), paused: true });
  try {
    return probe.nextRun(from);
  } finally {
    probe.stop();
  }
}
