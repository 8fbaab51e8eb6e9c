import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ApiResult } from '../../../typings/envelope';
import { ADMIN_KEY_FIELD, checkAdminKey, type AdminKeyCheck } from './admin-key';
import { AppError, isAppError } from './app-error';
import { callerFrom, isOwnTimer, isPayCallback, type Caller, type CloudContext } from './caller';
import { currentClock } from './clock';
import { logger } from './logger';
import { DEFAULT_ROLES, type RoleList } from './roles';

/** Everything a service needs about the current call; built once per invocation. */
export interface CallContext {
  caller: Caller;
  /** The function and action called, for audit records of refusals. */
  target: { fn: string; action: string };
  /** The console roles the action allows (its `roles`, or owners only); the admin guard checks them. */
  roles: RoleList;
  /** What the event's admin key amounts to; the key itself is dropped before anything else sees the event. */
  adminKey: AdminKeyCheck;
  now: Date;
  requestId: string;
  /** Milliseconds left before the platform's timeout, minus a safety margin; long jobs stop early. */
  timeLeftMs: () => number;
}

/** Stop this long before the platform timeout so a job can save its progress and answer. */
const TIMEOUT_MARGIN_MS = 2_000;
const DEFAULT_TIME_LIMIT_MS = 20_000;

function budget(context: CloudContext | undefined): () => number {
  const limit = typeof context?.time_limit_in_ms === 'number' ? context.time_limit_in_ms : DEFAULT_TIME_LIMIT_MS;
  const started = performance.now();
  return () => limit - TIMEOUT_MARGIN_MS - (performance.now() - started);
}

export interface ActionSpec<I, O, G> {
  input: z.ZodType<I>;
  /** Authorises the caller and returns what the action needs about them (e.g. a staff record). */
  guard: (call: CallContext) => Promise<G>;
  /** Admin actions: the console roles allowed (./roles.ts); absent means owners only. Other guards ignore it. */
  roles?: RoleList;
  run: (input: I, call: CallContext, granted: G) => Promise<O>;
}

// The map is heterogeneous by design; each entry is checked where it is declared via `action()`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyActionSpec = ActionSpec<any, any, any>;

/** Declares one action; inference ties its input schema, guard and result together. */
export function action<I, O, G>(spec: ActionSpec<I, O, G>): ActionSpec<I, O, G> {
  return spec;
}

export type CloudMain = (event: unknown, context?: CloudContext) => Promise<ApiResult<unknown>>;
export type ActionTable = Readonly<Record<string, AnyActionSpec>>;

/** A function's `main`, carrying its action table so docs and tests can list every action and guard. */
export type CloudFunction = CloudMain & { readonly functionName: string; readonly actions: ActionTable };

const eventShape = z.looseObject({ action: z.string().min(1).max(64) });
const timerShape = z.looseObject({ Type: z.literal('Timer'), TriggerName: z.string().min(1) });

interface ReadEvent {
  name: string;
  payload: Record<string, unknown>;
  adminKey: unknown;
}

/**
 * Splits the event into the action, its payload and the keys that are not the payload's:
 * - `userInfo`: the platform injects `{ appId, openId }` into every mini-program call (WeChat:
 *   "云函数的传入参数中会被注入小程序端用户的 openid"); identity comes from the context only,
 *   so it is dropped here, and every other unknown key still fails the action's strict schema;
 * - `adminKey`: a console invocation's proof (./admin-key.ts), taken out before validation.
 * A timer's event names its trigger; it counts only when the platform says the call is the
 * function's own timer, so an event cannot claim to be one.
 */
function readEvent(event: unknown, caller: Caller): ReadEvent {
  if (isPayCallback(caller)) return readPayNotice(event);
  if (isOwnTimer(caller)) {
    const timer = timerShape.safeParse(event);
    if (timer.success) return { name: timer.data.TriggerName, payload: {}, adminKey: undefined };
  }
  const parsed = eventShape.safeParse(event);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'event.action is required');
  const { action: name, userInfo: _injectedByPlatform, [ADMIN_KEY_FIELD]: adminKey, ...payload } = parsed.data;
  return { name, payload, adminKey };
}

/**
 * A payment notification (source wx_paycallback) is WeChat's own event, which names no action
 * ("支付结果回调云函数协议"): it is routed by its shape to the one action that takes it, a refund
 * notice carrying `outRefundNo`. An event that names an action is not the platform's and reaches nothing.
 */
function readPayNotice(event: unknown): ReadEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new AppError('INVALID_INPUT', 'a payment notification is an object');
  if ('action' in event) {
    logger.warn({ action: (event as { action: unknown }).action }, 'wx_paycallback event naming an action refused');
    throw new AppError('FORBIDDEN', 'a payment notification names no action');
  }
  const payload = { ...(event as Record<string, unknown>) };
  return { name: 'outRefundNo' in payload ? PAY_NOTICE_ACTIONS.refund : PAY_NOTICE_ACTIONS.payment, payload, adminKey: undefined };
}

/** The actions payment notifications are routed to; a function that takes them declares both. */
export const PAY_NOTICE_ACTIONS = { payment: 'paymentNotice', refund: 'refundNotice' } as const;

/**
 * The platform reads `errcode` from the answer to a payment notification and retries anything
 * but 0 for up to two days ("errcode 0 表示正常，其他表示异常，异常时支付回调会持续重试最多两天").
 */
function forPayCallback(result: ApiResult<unknown>): ApiResult<unknown> {
  return result.ok ? { ...result, errcode: 0, errmsg: 'OK' } as ApiResult<unknown> : { ...result, errcode: 1, errmsg: `${result.code}: ${result.message}` } as ApiResult<unknown>;
}

function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`)
    .join('; ');
}

function toFailure(error: unknown, requestId: string): ApiResult<never> {
  if (isAppError(error)) {
    return { ok: false, code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
  }
  logger.error({ err: error, requestId }, 'unhandled error');
  return { ok: false, code: 'INTERNAL', message: `Internal error (request ${requestId})` };
}

/**
 * Builds a CloudBase `main`: parse the event, identify the caller, authorise, validate,
 * run one service call, and answer with the envelope. No business rule lives here.
 */
export function defineFunction(name: string, actions: ActionTable): CloudFunction {
  const main: CloudMain = async (event, context) => {
    const caller = callerFrom(context);
    const result = await answer(event, context, caller);
    return isPayCallback(caller) ? forPayCallback(result) : result;
  };
  const answer = async (event: unknown, context: CloudContext | undefined, caller: Caller): Promise<ApiResult<unknown>> => {
    const requestId = typeof context?.request_id === 'string' ? context.request_id : randomUUID();
    try {
      const { name: actionKey, payload, adminKey } = readEvent(event, caller);
      const spec = Object.prototype.hasOwnProperty.call(actions, actionKey) ? actions[actionKey] : undefined;
      if (!spec) throw new AppError('UNKNOWN_ACTION', `${name} has no action "${actionKey}"`);
      const call: CallContext = {
        caller,
        target: { fn: name, action: actionKey },
        roles: spec.roles ?? DEFAULT_ROLES,
        adminKey: checkAdminKey(adminKey),
        now: currentClock().now(),
        requestId,
        timeLeftMs: budget(context),
      };
      const granted: unknown = await spec.guard(call);
      const input = spec.input.safeParse(payload);
      if (!input.success) throw new AppError('INVALID_INPUT', describeZodError(input.error));
      const data: unknown = await spec.run(input.data, call, granted);
      return { ok: true, data };
    } catch (error) {
      return toFailure(error, requestId);
    }
  };
  return Object.assign(main, { functionName: name, actions });
}
