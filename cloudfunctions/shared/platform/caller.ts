import tcb from '@cloudbase/node-sdk';

/** Who is calling, as the platform says. Nothing here comes from the event. */
export interface Caller {
  openid: string | null;
  appid: string | null;
  unionid: string | null;
  /** TCB_SOURCE: comma-separated call chain, e.g. "wx_client" or "wx_client,scf". */
  source: string;
  /** Whether the platform passed a context with an environment at all; without one nobody is anybody. */
  hasContext: boolean;
  /** TCB_UUID: the CloudBase account uid of a web SDK (`web_client`) caller; see webAccountUid. */
  uid?: string | null;
}

export interface CloudContext {
  request_id?: string;
  environment?: string;
  environ?: string;
  [key: string]: unknown;
}

/*
 * TCB_SOURCE values, as WeChat documents them (Cloud.getWXContext, "SOURCE 的枚举类型"): wx_devtools,
 * wx_client, wx_http, wx_trigger, wx_paycallback, wx_crawler, wx_localdebug, wx_unknown, scf; plus
 * web_client from the CloudBase web SDK ("其他: 非微信端触发"). The sets below are the rules; a value in
 * none of them is unknown and earns nothing by itself (docs/authority.md).
 */
const TIMER = 'wx_trigger';
const FUNCTION = 'scf';
/** Links that are this deployment itself: its own timers and its own functions calling each other. */
const OWN_BACKEND: ReadonlySet<string> = new Set([TIMER, FUNCTION]);
/** Where an end user's WeChat identity (OPENID) is vouched for by WeChat: the mini-program. */
const MINI_PROGRAM: ReadonlySet<string> = new Set(['wx_client', 'wx_devtools']);
/** Links that carry traffic from outside: users, web pages, HTTP, crawlers, payment callbacks, local debugging. */
const CLIENT_FACING: ReadonlySet<string> = new Set([...MINI_PROGRAM, 'wx_localdebug', 'web_client', 'wx_http', 'wx_crawler', 'wx_paycallback']);

function text(value: unknown): string | null {
  // The SDK's parser of the older `environ` format splits values containing commas into arrays.
  const joined = Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join(',') : value;
  return typeof joined === 'string' && joined.length > 0 ? joined : null;
}

/**
 * Reads identity and source per call from the invocation context, with the SDK's own parser
 * (`tcb.parseContext`, which `tcb.getCloudbaseContext` uses). Not through getCloudbaseContext
 * itself: it fills every key the context lacks (or leaves empty) from `process.env`, which is
 * instance-wide and shared by concurrent calls, so a call whose context has no TCB_SOURCE (the SDK
 * notes callers may not pass one) would take whatever source or openid the instance holds.
 * Authority must come from this call's context alone (ECOSYSTEM.md).
 */
export function callerFrom(context: CloudContext | undefined): Caller {
  const nobody: Caller = { openid: null, appid: null, unionid: null, source: '', hasContext: false };
  if (!(context?.environment ?? context?.environ)) return nobody;
  let vars: Record<string, unknown>;
  try {
    const parsed = tcb.parseContext(context as never);
    vars = (parsed.environment ?? parsed.environ ?? {}) as unknown as Record<string, unknown>;
  } catch {
    return nobody; // an unreadable environment says nothing about anyone
  }
  return {
    openid: text(vars.WX_OPENID),
    appid: text(vars.WX_APPID),
    unionid: text(vars.WX_UNIONID),
    source: text(vars.TCB_SOURCE) ?? '',
    hasContext: true,
    uid: text(vars.TCB_UUID),
  };
}

/**
 * The call chain, first link first. Empty links stay (an empty TCB_SOURCE forwarded by the SDK
 * becomes ",scf"): an empty link is an unknown origin, never a trusted one.
 */
export function callChain(caller: Caller): string[] {
  return caller.source.split(',').map((link) => link.trim());
}

/** The function's own timer: exactly `wx_trigger`, no end user. */
export function isOwnTimer(caller: Caller): boolean {
  return !caller.openid && caller.source === TIMER;
}

/**
 * This deployment calling itself with no end user anywhere in the chain: its own timer, or its
 * own functions (`scf`, `wx_trigger,scf`, `scf,scf`). `wx_client,scf` is a shopper reaching us
 * through another function and is not one.
 */
export function isOwnBackendCall(caller: Caller): boolean {
  if (caller.openid) return false;
  const chain = callChain(caller);
  return chain.every((link, i) => OWN_BACKEND.has(link) && (i === 0 || link === FUNCTION));
}

/**
 * The end user's openid when WeChat vouches for it: a mini-program call, directly or through
 * this project's own functions. An openid arriving any other way identifies nobody.
 */
export function endUserOpenid(caller: Caller): string | null {
  if (!caller.openid) return null;
  const [head, ...rest] = callChain(caller);
  return MINI_PROGRAM.has(head) && rest.every((link) => link === FUNCTION) ? caller.openid : null;
}

/**
 * May this call prove itself with the admin key? Console test invocations carry an undocumented
 * source, so they are recognised by the key alone; but never a call with an end user or one that
 * passed through anything facing the outside world, and never a call the platform gave no context.
 */
export function mayPresentAdminKey(caller: Caller): boolean {
  return caller.hasContext && !caller.openid && !callChain(caller).some((link) => CLIENT_FACING.has(link));
}

const WEB_CLIENT = 'web_client';

/**
 * The CloudBase account uid of a call made directly by the web SDK (@cloudbase/js-sdk after
 * sign-in): the chain is exactly `web_client`, with no WeChat openid. A web page reaching us
 * through another of our functions (`web_client,scf`) is not accepted: node-sdk's callFunction
 * does not document forwarding the caller's account, so such a uid would be the calling
 * function's environment, not the person (docs/authority.md).
 */
export function webAccountUid(caller: Caller): string | null {
  if (caller.openid || !caller.uid) return null;
  return caller.source === WEB_CLIENT ? caller.uid : null;
}

/** WeChat Pay's notification of a payment or refund result: exactly `wx_paycallback`, sent by the platform. */
export function isPayCallback(caller: Caller): boolean {
  return caller.hasContext && caller.source === 'wx_paycallback';
}
