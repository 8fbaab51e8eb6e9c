import { Cron } from 'croner';
import type { Logger } from 'pino';
import { CallSources, type Caller } from '../host/call-source';
import type { Invocation } from '../host/function-host';
import type { FunctionDefinition } from '../host/function-discovery';
import { InvocationError } from '../host/invocation-error';
import { cronOptions, nextFireTime, validateTimerCron } from './cron';
import { timerEvent } from './timer-event';

export interface ScheduledTimer {
  functionName: string;
  triggerName: string;
  cron: string;
  /** Next fire time when scheduling is on; null when off or the pattern never fires again. */
  nextRun: Date | null;
}

export interface TimerScheduler {
  readonly timers: readonly ScheduledTimer[];
  /** Fires a trigger now (tests, CLI). Refused with TIMER_BUSY while the same trigger runs. */
  fireTimer(functionName: string, triggerName: string): Promise<Invocation>;
  stop(): void;
}

export interface TimerSchedulerOptions {
  functions: readonly FunctionDefinition[];
  call(name: string, event: unknown, caller: Caller): Promise<Invocation>;
  log: Logger;
  /** false: triggers are validated and can be fired by hand, but nothing runs on its own. */
  schedule: boolean;
}

const TIMER_CALLER: Caller = { source: CallSources.timer };

/**
 * Reads every function's timer triggers, validates them up front (a bad cron stops
 * startup, naming the function), and fires them on China time. Runs of one trigger never
 * overlap: a tick that finds the previous run still going is skipped and logged, which is
 * what a long campaign job needs (it checkpoints and continues on the next tick).
 */
export function startTimerScheduler(options: TimerSchedulerOptions): TimerScheduler {
  const { log } = options;
  const triggers = options.functions.flatMap((fn) => fn.config.timers.map((timer) => ({ fn, timer })));
  for (const { fn, timer } of triggers) validateTimerCron(fn.name, timer.name, timer.cron);

  const running = new Set<string>();
  const jobs: Cron[] = [];
  const keyOf = (functionName: string, triggerName: string): string => `${functionName}/${triggerName}`;

  async function run(functionName: string, triggerName: string): Promise<Invocation> {
    const key = keyOf(functionName, triggerName);
    if (running.has(key)) throw new InvocationError('TIMER_BUSY', `timer ${key} is still running; not starting another run`);
    running.add(key);
    try {
      return await options.call(functionName, timerEvent(triggerName, new Date()), TIMER_CALLER);
    } finally {
      running.delete(key);
    }
  }

  async function tick(functionName: string, triggerName: string): Promise<void> {
    try {
      const { requestId, result } = await run(functionName, triggerName);
      // The cloud discards a timer's result; the log is the only place to see it.
      log.info({ fn: functionName, trigger: triggerName, requestId, result }, 'timer ran');
    } catch (error) {
      if (error instanceof InvocationError && error.code === 'TIMER_BUSY') log.warn({ fn: functionName, trigger: triggerName }, 'timer skipped: previous run still going');
      else log.error({ fn: functionName, trigger: triggerName, err: error }, 'timer run failed');
    }
  }

  if (options.schedule) {
    for (const { fn, timer } of triggers) {
      jobs.push(new Cron(timer.cron, { ...cronOptions(), unref: true }, () => tick(fn.name, timer.name)));
    }
  }

  const timers: ScheduledTimer[] = triggers.map(({ fn, timer }) => ({
    functionName: fn.name,
    triggerName: timer.name,
    cron: timer.cron,
    nextRun: options.schedule ? nextFireTime(timer.cron) : null,
  }));

  return {
    timers,
    fireTimer(functionName, triggerName) {
      const known = triggers.some(({ fn, timer }) => fn.name === functionName && timer.name === triggerName);
      if (!known) return Promise.reject(new InvocationError('TIMER_NOT_FOUND', `no timer trigger "${triggerName}" on function "${functionName}"`));
      return run(functionName, triggerName);
    },
    stop() {
      for (const job of jobs) job.stop();
    },
  };
}
