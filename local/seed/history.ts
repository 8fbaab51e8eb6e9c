import { DEMO_MEMBER_COUNT, DEMO_SHOPPER_OPENID, DEMO_STAFF, demoNickname } from './demo-brand';
import { SeededRandom } from './random';

const DAY = 24 * 3600_000;

export type DemoEvent =
  | { kind: 'join'; at: number; openid: string; nickname: string; birthday: string }
  | { kind: 'purchase'; at: number; openid: string; staffOpenid: string; orderNo: string; amountFen: number }
  | { kind: 'refund'; at: number; openid: string; staffOpenid: string; orderNo: string; refundNo: string; amountFen: number };

/** Shopper profiles: most are occasional, a few spend enough to climb to the top tiers. */
function spendProfile(rng: SeededRandom): { visits: number; meanFen: number } {
  const roll = rng.next();
  if (roll < 0.03) return { visits: rng.int(12, 20), meanFen: 400_000 };
  if (roll < 0.12) return { visits: rng.int(8, 14), meanFen: 90_000 };
  if (roll < 0.5) return { visits: rng.int(3, 8), meanFen: 25_000 };
  if (roll < 0.85) return { visits: rng.int(1, 3), meanFen: 12_000 };
  return { visits: 0, meanFen: 0 };
}

/**
 * A year and a month of loyalty history ending at `now`: joins, purchases (some more than a
 * year old, so their points have expired and others expire within 30 days), and a few refunds.
 */
export function demoHistory(now: Date, memberCount = DEMO_MEMBER_COUNT, seed = 20261123): DemoEvent[] {
  const rng = new SeededRandom(seed);
  const start = now.getTime() - 395 * DAY;
  const events: DemoEvent[] = [];
  const openids = [DEMO_SHOPPER_OPENID, ...Array.from({ length: memberCount }, (_, i) => `demo_member_${String(i + 1).padStart(3, '0')}`)];
  let order = 0;
  openids.forEach((openid, index) => {
    const joinedAt = index === 0 ? start + 2 * DAY : start + rng.int(0, 380) * DAY + rng.int(9, 20) * 3600_000;
    events.push({ kind: 'join', at: joinedAt, openid, nickname: index === 0 ? '演示用户' : demoNickname(index), birthday: `${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}` });
    const profile = index === 0 ? { visits: 14, meanFen: 60_000 } : spendProfile(rng);
    for (let v = 0; v < profile.visits; v += 1) {
      // The demo shopper's first visit is the day after joining (13 months ago), so the card shows
      // expired points in the ledger; everyone else visits at random.
      const dayOffset = index === 0 && v === 0 ? 1 : rng.int(0, Math.max(1, Math.floor((now.getTime() - joinedAt) / DAY) - 1));
      const at = joinedAt + dayOffset * DAY + rng.int(0, 8) * 3600_000;
      if (at >= now.getTime()) continue;
      const amountFen = Math.max(990, Math.round((profile.meanFen * (0.4 + rng.next() * 1.2)) / 10) * 10);
      const staffOpenid = rng.pick(DEMO_STAFF).openid;
      order += 1;
      const orderNo = `DEMO${String(order).padStart(6, '0')}`;
      events.push({ kind: 'purchase', at, openid, staffOpenid, orderNo, amountFen });
      if (rng.chance(0.05)) {
        const refundAt = Math.min(now.getTime() - 3600_000, at + rng.int(1, 10) * DAY);
        events.push({ kind: 'refund', at: refundAt, openid, staffOpenid, orderNo, refundNo: `R${orderNo}`, amountFen: rng.chance(0.5) ? amountFen : Math.round(amountFen / 2) });
      }
    }
  });
  return events.sort((a, b) => a.at - b.at || (a.kind === 'join' ? -1 : 1));
}
