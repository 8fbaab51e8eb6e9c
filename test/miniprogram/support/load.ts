import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as simulate from 'miniprogram-simulate';

export const MINIPROGRAM_ROOT = resolve(__dirname, '..', '..', '..', 'miniprogram');

const TDESIGN = 'tdesign-miniprogram';

/**
 * Pages use tdesign-miniprogram's components from miniprogram_npm/ (what `npm run mp:npm` and
 * DevTools' Build npm produce: the package's `miniprogram` folder, miniprogram_dist). When that
 * folder is missing or holds another version, copy the installed package's folder there, as the
 * builder would, so the real components render. Copied to a temporary name and renamed: jest
 * workers may race here.
 */
export function ensureComponentLibrary(): void {
  const installed = resolve(MINIPROGRAM_ROOT, '..', 'node_modules', TDESIGN);
  const version = (JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string }).version;
  const target = join(MINIPROGRAM_ROOT, 'miniprogram_npm', TDESIGN);
  const stamp = join(target, '.version');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === version) return;
  const temporary = `${target}.${process.pid}.tmp`;
  cpSync(join(installed, 'miniprogram_dist'), temporary, { recursive: true });
  cpSync(join(installed, 'package.json'), join(temporary, 'package.json'));
  rmSync(join(temporary, '.version'), { force: true });
  writeFileSync(join(temporary, '.version'), version);
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(temporary, target);
  } catch {
    rmSync(temporary, { recursive: true, force: true }); // another worker won
  }
}

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
    ensureComponentLibrary();
    // WeChat's own WXML compiler (wcc, from miniprogram-compiler): tdesign's templates use <wxs src>,
    // <import> and <template is>, which the pure-JS "simulate" compiler does not implement.
    id = simulate.load(resolve(MINIPROGRAM_ROOT, path), { compiler: 'official', rootPath: MINIPROGRAM_ROOT, less: false, usingComponents, compilerOptions: { maxBuffer: 64 * 1024 * 1024 } });
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

interface ExparserNode {
  $$?: Element;
  shadowRoot?: ExparserNode;
  childNodes?: ExparserNode[];
}

/**
 * The DOM a rendered node stands for. tdesign components are virtual hosts (`virtualHost`): no
 * element of their own, their shadow tree's top elements render in place of the host.
 */
export function elementsOf(node: Rendered | undefined): Element[] {
  if (!node) return [];
  if (node.dom) return [node.dom];
  const collect = (n: ExparserNode): Element[] => (n.$$ ? [n.$$] : (n.childNodes ?? []).flatMap(collect));
  const host = (node as unknown as { _exparserNode?: ExparserNode })._exparserNode;
  return host?.shadowRoot ? collect(host.shadowRoot) : [];
}

function textOf(node: Rendered | undefined): string {
  return elementsOf(node)
    .map((e) => e.textContent ?? '')
    .join('')
    .trim();
}

/** Text of the first element matching `selector` inside the rendered tree ('' when absent). */
export function text(comp: Rendered, selector: string): string {
  return textOf(comp.querySelector(selector));
}

/** Text of every element matching `selector`, in document order. */
export function texts(comp: Rendered, selector: string): string[] {
  return comp.querySelectorAll(selector).map(textOf);
}

export function exists(comp: Rendered, selector: string): boolean {
  return Boolean(comp.querySelector(selector));
}

/**
 * tdesign components are virtual hosts: a finger lands on the element inside them (the button,
 * the checkbox row, the cell, the tab), whose handler emits the component's own event. Tap that
 * element, as WeChat would; a plain element is tapped itself.
 */
const INNER_TAPPABLE = '.t-button, .t-checkbox, .t-cell, .t-tabs__item, .t-link, .t-tag';

export async function tap(comp: Rendered, selector: string): Promise<void> {
  const node = comp.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  (node.querySelector(INNER_TAPPABLE) ?? node).dispatchEvent('tap');
  await settle();
}

/** Taps the `index`-th tab of the t-tabs matching `selector` (its headers render inside the component). */
export async function tapTab(comp: Rendered, selector: string, index: number): Promise<void> {
  const tabs = comp.querySelector(selector);
  if (!tabs) throw new Error(`nothing matches ${selector}`);
  const item = tabs.querySelectorAll('.t-tabs__item')[index];
  if (!item) throw new Error(`${selector} has no tab ${index}`);
  item.dispatchEvent('tap');
  await settle();
}

/** Types into a native <input>, or into the one inside a t-input (which reports it as `change`). */
export async function input(comp: Rendered, selector: string, value: string): Promise<void> {
  const node = comp.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  (node.querySelector('input') ?? node).dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
  await settle();
}

/** The page's or component's instance (`this` inside its methods). */
export function instance<T = Record<string, (...args: unknown[]) => unknown>>(comp: Rendered): T & { data: Record<string, unknown>; setData(d: Record<string, unknown>): void } {
  return comp.instance as unknown as T & { data: Record<string, unknown>; setData(d: Record<string, unknown>): void };
}

/** Polls until `check` holds (store → view hops are asynchronous); fails after `timeoutMs` (generous: tdesign pages render slower on a busy machine, and this is no timing assertion). */
export async function waitFor(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('waitFor: condition not met in time');
    await simulate.sleep(10);
  }
}
