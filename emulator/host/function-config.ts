import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * WeChat cloud development's default when config.json has no `timeout` (seconds). The
 * CloudBase CLI's cloudbaserc default is 5 s; the emulator follows config.json, the file
 * DevTools and our build read, so an unset timeout behaves like a DevTools deploy.
 */
export const DEFAULT_TIMEOUT_SECONDS = 3;
/** CloudBase's default function memory; only reported in the context, not enforced. */
export const DEFAULT_MEMORY_MB = 256;

const triggerSchema = z.looseObject({
  name: z.string().min(1),
  type: z.string().min(1),
  config: z.string().min(1),
});

const configSchema = z.looseObject({
  timeout: z.number().int().min(1).max(900).optional(),
  memorySize: z.number().int().positive().optional(),
  permissions: z.looseObject({ openapi: z.array(z.string()).optional() }).optional(),
  triggers: z.array(triggerSchema).optional(),
});

export interface TimerTriggerConfig {
  name: string;
  /** CloudBase 7-field cron: second minute hour day month weekday year (China time). */
  cron: string;
}

export interface FunctionConfig {
  timeoutSeconds: number;
  memoryMb: number;
  timers: TimerTriggerConfig[];
  /** The parsed file as written, for the build (copied to the deployable bundle). */
  raw: Record<string, unknown>;
}

export class FunctionConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionConfigError';
  }
}

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
  const timers = (config.triggers ?? [])
    .filter((t) => t.type === 'timer')
    .map((t) => ({ name: t.name, cron: t.config.trim() }));
  const names = new Set<string>();
  for (const timer of timers) {
    if (names.has(timer.name)) throw new FunctionConfigError(`${functionName}/config.json: duplicate trigger name "${timer.name}"`);
    names.add(timer.name);
  }
  return {
    timeoutSeconds: config.timeout ?? DEFAULT_TIMEOUT_SECONDS,
    memoryMb: config.memorySize ?? DEFAULT_MEMORY_MB,
    timers,
    raw: config as Record<string, unknown>,
  };
}

export function readFunctionConfig(functionName: string, file: string): FunctionConfig {
  return parseFunctionConfig(functionName, readFileSync(file, 'utf8'));
}
