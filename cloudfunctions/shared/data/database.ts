import tcb from '@cloudbase/node-sdk';

type App = ReturnType<typeof tcb.init>;
export type Database = ReturnType<App['database']>;

let app: App | undefined;

/**
 * The SDK app for the current environment. Initialised lazily so that the environment
 * (TCB_CONTEXT_CNFG in the emulator, the platform's own in the cloud) is read at first use.
 */
export function sdkApp(): App {
  app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return app;
}

export function database(): Database {
  return sdkApp().database();
}


export function command(): Database['command'] {
  return database().command;
}
