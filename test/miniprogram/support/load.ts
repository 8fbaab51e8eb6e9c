import { resolve } from 'node:path';
import * as simulate from 'miniprogram-simulate';

export const MINIPROGRAM_ROOT = resolve(__dirname, '..', '..', '..', 'miniprogram');

export type Rendered = ReturnType<typeof simulate.render>;

/**
 * Loads and renders a page or component by its path under miniprogram/ ("pages/card/index"),
 * attached to a parent so lifetimes run. Absolute usingComponents resolve against the root.
 */
const loaded = new Map<string, string>();

/**
 * Components several pages use. For the same reason as below they are registered once, and every
 * later load gets them by id (miniprogram-simulate's `usingComponents` option overrides by tag).
 */
const SHARED_COMPONENTS = ['subscribe-button'];

function registered(path: string, usingComponents: Record<string, string>): string {
  let id = loaded.get(path);
  if (!id) {
    id = simulate.load(resolve(MINIPROGRAM_ROOT, path), { compiler: 'simulate', rootPath: MINIPROGRAM_ROOT, less: false, usingComponents });
    loaded.set(path, id);
  }
  return id;
}

export function load(path: string, properties?: Record<string, unknown>): Rendered {
  // A definition runs once per module registry (jest caches the required .ts, so a second
  // simulate.load would register nothing): load each path once, render it as often as needed.
  const shared = Object.fromEntries(SHARED_COMPONENTS.map((name) => [name, registered(`components/${name}/index`, {})]));
  const id = registered(path, shared);
  const comp = simulate.render(id, properties);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

/** Store → data reaches the view on a later tick (bindings), and calls resolve on microtasks. */
export async function settle(ms = 0): Promise<void> {
  await simulate.sleep(ms);
  await simulate.sleep(0);
}

/** Text of the first element matching `selector` inside the rendered tree ('' when absent). */
export function text(comp: Rendered, selector: string): string {
  return comp.querySelector(selector)?.dom?.textContent?.trim() ?? '';
}

/** Text of every element matching `selector`, in document order. */
export function texts(comp: Rendered, selector: string): string[] {
  return comp.querySelectorAll(selector).map((n) => n.dom?.textContent?.trim() ?? '');
}

export function exists(comp: Rendered, selector: string): boolean {
  return Boolean(comp.querySelector(selector));
}

export async function tap(comp: Rendered, selector: string): Promise<void> {
  const node = comp.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  node.dispatchEvent('tap');
  await settle();
}

export async function input(comp: Rendered, selector: string, value: string): Promise<void> {
  const node = comp.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  node.dispatchEvent('input', { detail: { value } });
  await settle();
}

/** The page's or component's instance (`this` inside its methods). */
export function instance<T = Record<string, (...args: unknown[]) => unknown>>(comp: Rendered): T & { data: Record<string, unknown>; setData(d: Record<string, unknown>): void } {
  return comp.instance as unknown as T & { data: Record<string, unknown>; setData(d: Record<string, unknown>): void };
}

/** Polls until `check` holds (store → view hops are asynchronous); fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('waitFor: condition not met in time');
    await simulate.sleep(10);
  }
}
