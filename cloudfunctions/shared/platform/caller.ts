import tcb from '@cloudbase/node-sdk';

/** Who is calling, as the platform says. Nothing here comes from the event. */
export interface Caller {
  openid: string | null;
  appid: string | null;
  unionid: string | null;
  /** TCB_SOURCE: comma-separated call chain, e.g. "wx_client" or "wx_client,scf". */
  source: string;
}

export interface CloudContext {
  request_id?: string;
  environment?: string;
  environ?: string;
  [key: string]: unknown;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Reads identity per call from the invocation context (never from process.env, see ECOSYSTEM.md). */
export function callerFrom(context: CloudContext | undefined): Caller {
  const hasEnvironment = Boolean(context?.environment ?? context?.environ);
  const env = hasEnvironment ? tcb.getCloudbaseContext(context as never) : {};
  const vars = env as Record<string, unknown>;
  return {
    openid: text(vars.WX_OPENID),
    appid: text(vars.WX_APPID),
    unionid: text(vars.WX_UNIONID),
    source: text(vars.TCB_SOURCE) ?? '',
  };
}

/**
 * Calls without an end-user identity that may carry admin authority: the console, timers,
 * other functions. An HTTP access trigger also has no openid, so any http source is refused.
 */
export function isTrustedBackendCall(caller: Caller): boolean {
  if (caller.openid) return false;
  const chain = caller.source.split(',').map((s) => s.trim());
  return !chain.some((s) => s.includes('http') || s === 'wx_client' || s === 'wx_devtools');
}
