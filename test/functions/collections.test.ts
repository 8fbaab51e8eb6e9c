import indexes from '../../cloudfunctions/shared/data/indexes.json';
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';

// The emulator creates exactly the collections declared in indexes.json (as the cloud console
// would have them), so a collection the code uses but the file forgets fails here, not in production.
test('every collection the code uses is declared in indexes.json, and nothing else', () => {
  const declared = Object.keys(indexes).filter((key) => !key.startsWith('$')).sort();
  expect(declared).toEqual(Object.values(COLLECTIONS).sort());
});
