import tcb from '@cloudbase/node-sdk';
import type { Database } from '../../cloudfunctions/shared/data/database';
import { storeOver } from '../../cloudfunctions/shared/data/store';

/**
 * A test's own reads and set-up writes, through the emulator database's inspection channel
 * (…/inspect/admin, docs/emulator-database.md). Strict index mode judges only the functions'
 * channel, so a test may look up `orders` by `orderNo` without declaring an index production
 * does not need. A second node-sdk app: `serviceUrl` takes precedence over TCB_CONTEXT_CNFG.URL
 * in the SDK (utils/tcbapiendpoint.ts buildUrl). Function code never uses this module.
 */

let current: { url: string; db: Database } | undefined;

/** Called by startTestEmulator: the inspection channel of the emulator this test file runs. */
export function useInspectionChannel(url: string): void {
  if (current?.url === url) return;
  current = { url, db: tcb.init({ env: tcb.SYMBOL_CURRENT_ENV, serviceUrl: url }).database() };
}

function inspectionDatabase(): Database {
  if (!current) throw new Error('no emulator started in this test file (startTestEmulator sets the inspection channel)');
  return current.db;
}

/** The same helpers as cloudfunctions/shared/data/store.ts, over the inspection channel. */
export const { getById, find, findOne, count, insert, put, patch, patchWhere, removeWhere, aggregate } = storeOver(inspectionDatabase);
