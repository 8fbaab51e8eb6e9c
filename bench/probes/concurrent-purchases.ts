// Probe (not part of `npm run bench`): 50 concurrent purchases for one member on the in-process
// test emulator, with transaction counters and where each database request waited (Node HTTP
// diagnostics channels). Run under load: `node -e "for(;;){}" & node -e "for(;;){}" & node --import tsx bench/probes/concurrent-purchases.ts`.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { internalsOf } from '../../emulator/database/server';
import { startWorld, openStore, joinMember, scan, CONCURRENCY_TIMEOUT_SECONDS } from '../../test/support/loyalty';
import dc from 'node:diagnostics_channel';
const startedAt = new WeakMap<object, number>();
const slow: Array<[number, number, string]> = [];
let T0 = 0;
dc.subscribe('http.client.request.start', (m: any) => startedAt.set(m.request, performance.now()));
dc.subscribe('http.client.response.finish', (m: any) => { const s = startedAt.get(m.request); if (s !== undefined) { const d = performance.now() - s; if (d > 2000) slow.push([Math.round(s - T0), Math.round(d), m.request.path.slice(-30)]); } });
const srv: number[] = []; const srvDur: number[] = [];
const sStart = new WeakMap<object, number>();
const byUrl = new Map<string, number>(); const arrive: number[] = []; const conn: number[] = [];
dc.subscribe('http.client.request.start', (m: any) => { const t = performance.now(); byUrl.set(m.request.path, t); m.request.on('socket', (sock: any) => { if (sock.connecting) sock.once('connect', () => conn.push(performance.now() - t)); else conn.push(-1); }); });
const accepts: number[] = []; const connects: number[] = [];
dc.subscribe('net.client.socket', (m: any) => { const t = performance.now(); const sock = m.socket; sock.once('connect', () => connects.push(performance.now() - t)); const lp = () => sock.localPort; sock.once('connect', () => { pending.set(lp(), performance.now()); }); });
const pending = new Map<number, number>();
dc.subscribe('net.server.socket', (m: any) => { const c = pending.get(m.socket.remotePort); if (c !== undefined) { accepts.push(performance.now() - c); pending.delete(m.socket.remotePort); } });
dc.subscribe('http.server.request.start', (m: any) => { const t = performance.now(); sStart.set(m.request, t); const c = byUrl.get(m.request.url); if (c !== undefined) { arrive.push(t - c); byUrl.delete(m.request.url); } });
dc.subscribe('http.server.response.finish', (m: any) => { const s = sStart.get(m.request); if (s !== undefined) srvDur.push(performance.now() - s); });
const cSock = new WeakMap<object, number>();
dc.subscribe('http.client.request.start', (m: any) => { m.request.once('socket', (sock: any) => { sock.once('connect', () => cSock.set(m.request, performance.now())); }); });
dc.subscribe('http.client.response.finish', (m: any) => { const s = startedAt.get(m.request); const c = cSock.get(m.request); if (s !== undefined && c !== undefined) srv.push(c - s); });
let lagMax = 0; let last = performance.now(); setInterval(() => { const n = performance.now(); lagMax = Math.max(lagMax, n - last - 100); last = n; }, 100).unref();
async function main() {
  const world = await startWorld('2026-03-10T10:00:00+08:00', { functionTimeoutSeconds: CONCURRENCY_TIMEOUT_SECONDS });
  const cashier = await openStore(world);
  const shopper = await joinMember(world, 'o_many');
  const session = await scan(cashier, shopper);
  const stats = world.emu.emulator.db.stats; stats.reset();
  const t0 = performance.now(); T0 = t0; lagMax = 0;
  const lat: number[] = [];
  const results = await Promise.allSettled(Array.from({ length: 50 }, async (_, i) => { const s = performance.now(); try { return await cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: `MANY-${i}`, amountFen: 1_000 }); } finally { lat.push(performance.now() - s); } }));
  console.log('ms', Math.round(performance.now() - t0), 'ok', results.filter((r) => r.status === 'fulfilled').length, 'requests', stats.requests, JSON.stringify(stats.byAction), 'tx', JSON.stringify(internalsOf(world.emu.emulator.db).transactions.counters));
  console.log('event loop max lag', Math.round(lagMax), 'slow requests', slow.length, JSON.stringify(slow.slice(0, 15)));
  const q = (a: number[]) => { const b = [...a].sort((x, y) => x - y); return [0.5, 0.9, 0.99, 1].map((p) => Math.round(b[Math.min(b.length - 1, Math.floor(p * b.length))])); };
  console.log('socket create→connect', q(connects), 'client connect→server accept', q(accepts), 'client start→server request', q(arrive), 'server handling p50/90/99/max', q(srvDur));
  console.log('max latency', Math.round(Math.max(...lat)));
  for (const r of results) if (r.status === 'rejected') { console.log(String(r.reason)); break; }
  await world.close();
}
main().then(() => process.exit(0));
