// Environment that points an unchanged `tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })`
// at the emulator: the node-sdk takes its service URL from TCB_CONTEXT_CNFG.URL
// (src/utils/tcbcontext.ts getServerInjectUrl), needs *some* secret pair to sign
// requests (src/utils/tcbapirequester.ts prepareCredentials), and resolves
// SYMBOL_CURRENT_ENV through TCB_ENV. Set these before the first SDK call.
//
// TENCENTCLOUD='true': without it the SDK asks http://metadata.tencentyun.com
// on *every* request whether it runs on Tencent Cloud (src/utils/metadata.ts
// caches only successes), i.e. a DNS lookup per call that also keeps Node
// processes (and jest) alive. With it the SDK skips the probe; its only other
// effect is choosing the internal default endpoint, which TCB_CONTEXT_CNFG.URL
// overrides anyway.
//
// CLOUDBASE_EMULATOR='1': the explicit marker that code runs on the emulator (the loyalty
// functions switch on their fixed development secrets only with it, and only while the SDK
// points at loopback). Not TCB_ENV=local: DevTools' local debugging of a cloud function also
// runs with ENV=local, against the real environment's database.

export const EMULATOR_MARKER = 'CLOUDBASE_EMULATOR';

export function sdkEnvironmentFor(url: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: url }),
    TENCENTCLOUD_SECRETID: 'emulator-placeholder-secret-id',
    TENCENTCLOUD_SECRETKEY: 'emulator-placeholder-secret-key',
    TCB_ENV: 'local',
    TENCENTCLOUD: 'true',
    [EMULATOR_MARKER]: '1',
  };
}
