import { COLLECTIONS } from './collections';
import { database } from './database';
import { checked } from './store';

/**
 * Creates every collection the product uses (idempotent). Run once per CloudBase environment
 * (`admin setup`); indexes are then created in the console from ./indexes.json.
 */
export async function createCollections(): Promise<{ created: string[]; existing: string[] }> {
  const created: string[] = [];
  const existing: string[] = [];
  for (const name of Object.values(COLLECTIONS)) {
    try {
      checked((await database().createCollection(name)) as object);
      created.push(name);
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!/EXIST/i.test(code) && !/exist/i.test(String((error as { message?: string }).message))) throw error;
      existing.push(name);
    }
  }
  return { created, existing };
}
