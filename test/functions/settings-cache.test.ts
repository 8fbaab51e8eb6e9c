import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import { CONFIGURATION_TTL_MS } from '../../cloudfunctions/shared/domain/settings/service';
import { put } from '../support/inspect';
import { startWorld, type LoyaltyWorld } from '../support/loyalty';

/**
 * The configuration is cached per warm instance for a TTL on the injectable clock
 * (docs/loyalty-rules.md, "How fast setting changes apply"). A change written by another
 * instance (here: straight into the database) shows within the TTL, never later.
 */
let world: LoyaltyWorld;
beforeAll(async () => {
  world = await startWorld('2026-03-10T10:00:00+08:00');
});
afterAll(() => world.close());

type Settings = { settings: { pointsPerYuan: number; pendingDays: number } };

describe('configuration cache', () => {
  it('serves another instance\'s change once the TTL has passed, and an own save at once', async () => {
    const first = (await world.console.call('admin', 'getSettings')) as Settings;
    expect(first.settings.pointsPerYuan).toBe(1);
    // Another function instance's save: this instance's cache does not hear of it.
    await put(COLLECTIONS.settings, { _id: 'loyalty', value: { ...first.settings, pointsPerYuan: 3 }, updatedAt: world.clock.now() });
    world.clock.advance(CONFIGURATION_TTL_MS - 1_000);
    expect(((await world.console.call('admin', 'getSettings')) as Settings).settings.pointsPerYuan).toBe(1);
    world.clock.advance(1_000);
    expect(((await world.console.call('admin', 'getSettings')) as Settings).settings.pointsPerYuan).toBe(3);
    // A save through this instance drops its cache: the next read sees it without waiting.
    await world.console.call('admin', 'updateSettings', { settings: { pendingDays: 3 } });
    expect(((await world.console.call('admin', 'getSettings')) as Settings).settings).toMatchObject({ pointsPerYuan: 3, pendingDays: 3 });
  });

  it('treats a clock moved backwards as expired', async () => {
    const before = (await world.console.call('admin', 'getSettings')) as Settings;
    await put(COLLECTIONS.settings, { _id: 'loyalty', value: { ...before.settings, pointsPerYuan: 5 }, updatedAt: world.clock.now() });
    world.clock.advance(-60_000);
    expect(((await world.console.call('admin', 'getSettings')) as Settings).settings.pointsPerYuan).toBe(5);
  });
});
