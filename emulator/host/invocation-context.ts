import { randomBytes, randomUUID } from 'node:crypto';
import { CallSources, type Caller } from './call-source';
import type { FunctionDefinition } from './function-discovery';

/** The second argument of `main`, shaped like the one CloudBase (SCF) passes. */
export interface CloudFunctionContext {
  callbackWaitsForEmptyEventLoop: boolean;
  request_id: string;
  function_name: string;
  function_version: string;
  namespace: string;
  memory_limit_in_mb: number;
  time_limit_in_ms: number;
  /** JSON string; node-sdk's getCloudbaseContext(context) parses it for WX_OPENID, TCB_SOURCE... */
  environment: string;
}

export interface ContextDefaults {
  envId: string;
  /** Used when the caller has no appid of its own (dev transport, console). */
  appid: string;
}

/** Keys the SDK should read from the context rather than process.env (the cloud lists them too). */
const CONTEXT_KEYS = ['TCB_ENV', 'TCB_SEQID', 'TCB_SOURCE', 'TRIGGER_SRC', 'SCF_NAMESPACE', 'WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'TCB_UUID', 'TCB_ISANONYMOUS_USER', 'LOGINTYPE'];

/** The caller's appid: its own, else the default for callers with an openid; none without one. */
export function resolveAppid(caller: Caller, defaults: ContextDefaults): string | undefined {
  return caller.appid ?? (caller.openid ? defaults.appid : undefined);
}

export function buildInvocationContext(fn: FunctionDefinition, caller: Caller, defaults: ContextDefaults): CloudFunctionContext {
  const environment: Record<string, string> = {
    TCB_ENV: defaults.envId,
    SCF_NAMESPACE: defaults.envId,
    TCB_SEQID: randomBytes(8).toString('hex'),
    TCB_SOURCE: caller.source,
    // The cloud sets TRIGGER_SRC=timer for timer triggers and tcb for callFunction-style calls.
    TRIGGER_SRC: caller.source === CallSources.timer ? 'timer' : 'tcb',
    TCB_CONTEXT_KEYS: CONTEXT_KEYS.join(','),
  };
  // Identity keys only when there is an identity: an absent WX_OPENID is how functions tell
  // console/timer calls from shopper calls.
  if (caller.openid) environment.WX_OPENID = caller.openid;
  const appid = resolveAppid(caller, defaults);
  if (appid) environment.WX_APPID = appid;
  if (caller.unionid) environment.WX_UNIONID = caller.unionid;
  // A signed-in CloudBase account (web SDK): node-sdk's auth().getUserInfo() reads these.
  if (caller.uid) Object.assign(environment, { TCB_UUID: caller.uid, TCB_ISANONYMOUS_USER: 'false', LOGINTYPE: 'USERNAME' });

  return {
    callbackWaitsForEmptyEventLoop: false,
    request_id: randomUUID(),
    function_name: fn.name,
    function_version: '$LATEST',
    namespace: defaults.envId,
    memory_limit_in_mb: fn.config.memoryMb,
    time_limit_in_ms: fn.config.timeoutSeconds * 1000,
    environment: JSON.stringify(environment),
  };
}
