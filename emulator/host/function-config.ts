import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { validateTimerCron } from '../timers/cron';

/**
 * WeChat cloud development's default when config.json has no `timeout` (seconds). The
 * CloudBase CLI's cloudbaserc default is 5 s; the emulator follows config.json, the file
 * DevTools and our build read, so an unset timeout behaves like a DevTools deploy.
 */
export const DEFAULT_TIMEOUT_SECONDS = 3;
/** CloudBase's default function memory; only reported in the context, not enforced. */
export const DEFAULT_MEMORY_MB = 256;

/**
 * The trigger rules WeChat documents for config.json (云开发 › 云函数 › 定时触发器,
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.html):
 * - "triggers 字段是触发器数组，目前仅支持一个触发器，即数组只能填写一个，不可添加多个";
 * - "type: 触发器类型，目前仅支持 timer";
 * - name: "最大支持 60 个字符，支持 a-z, A-Z, 0-9, - 和 _。必须以字母开头";
 * - config: a 7-field cron ("Cron 表达式有七个必需字段，按空格分隔"), checked in timers/cron.ts.
 * The docs name no minimum interval (their own example `*\/5 * * * * * *` fires every 5 s), so none is enforced.
 */
export const MAX_TRIGGERS = 1;
const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

const triggerSchema = z.looseObject({
  name: z.string().regex(TRIGGER_NAME, 'trigger name: up to 60 characters a-z A-Z 0-9 - _, starting with a letter'),
  type: z.literal('timer', { error: 'trigger type: only "timer" is supported' }),
  config: z.string().min(1),
});

const configSchema = z.looseObject({
  timeout: z.number().int().min(1).max(900).optional(),
  memorySize: z.number().int().positive().optional(),
  permissions: z.looseObject({ openapi: z.array(z.string()).optional() }).optional(),
  triggers: z
    .array(triggerSchema)
    .max(MAX_TRIGGERS, { error: `triggers: WeChat allows ${MAX_TRIGGERS} trigger per function (目前仅支持一个触发器)` })
    .optional(),
});

export interface TimerTriggerConfig {
  name: string;
  /** CloudBase 7-field cron: second minute hour day month weekday year (China time). */
  cron: string;
}

export interface FunctionConfig {
  timeoutSeconds: number;
  memoryMb: number;
  /** At most one (the platform's limit); an array so callers need not special-case none. */
  timers: TimerTriggerConfig[];
  /** openapi permissions the function declares (cloud calls it may make). */
  openapi: string[];
  /** The parsed file as written, for the build (copied to the deployable bundle). */
  raw: Record<string, unknown>;
}

export class FunctionConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionConfigError';
  }
}

/** Parses a function's config.json, refusing what WeChat's deployment would refuse. */
export function parseFunctionConfig(functionName: string, text: string): FunctionConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FunctionConfigError(`${functionName}/config.json is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new FunctionConfigError(`${functionName}/config.json is invalid: ${detail}`);
  }
  const config = parsed.data;
  const timers = (config.triggers ?? []).map((t) => ({ name: t.name, cron: t.config.trim() }));
  for (const timer of timers) validateTimerCron(functionName, timer.name, timer.cron);
  return {
    timeoutSeconds: config.timeout ?? DEFAULT_TIMEOUT_SECONDS,
    memoryMb: config.memorySize ?? DEFAULT_MEMORY_MB,
    timers,
    openapi: config.permissions?.openapi ?? [],
    raw: config as Record<string, unknown>,
  };
}

export function readFunctionConfig(functionName: string, file: string): FunctionConfig {
  return parseFunctionConfig(functionName, readFileSync(file, 'utf8'));
}
