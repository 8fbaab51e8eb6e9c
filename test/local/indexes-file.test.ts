import { loadIndexCatalog } from 'cloudbase-local-emulator/database/indexes';
import { INDEXES_FILE } from '../../local/paths';

describe("the product's index declarations", () => {
  it('parse, and declare the collections the functions use', () => {
    const catalog = loadIndexCatalog(INDEXES_FILE);
    expect(catalog.size).toBeGreaterThan(0);
    expect([...catalog.keys()]).toEqual(expect.arrayContaining(['members', 'stores', 'staff']));
  });
});
