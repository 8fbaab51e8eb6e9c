import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MINIPROGRAM_ROOT } from './support/load';

/**
 * WeChat's 无障碍 (accessibility) attributes: screen readers announce an element by its
 * `aria-role` and `aria-label` (WeChat docs, 无障碍访问: "aria-role … aria-label …" on view, text,
 * button and custom components). Every element a finger can act on must carry both.
 */
const TAPPABLE_EVENTS = /^(bind|catch|capture-bind|capture-catch|mut-bind):?(tap|longpress|change)$/;
/** Elements that act on tap by themselves (no bindtap needed): buttons, pickers, navigators, tdesign's interactive components. */
const TAPPABLE_TAGS = new Set(['button', 'picker', 'navigator', 't-button', 't-checkbox', 't-tabs', 't-link', 't-radio', 't-switch']);
/** Text inputs announce their own role; they need a label (placeholder text is not read out everywhere). */
const INPUT_TAGS = new Set(['input', 'textarea', 't-input', 't-textarea']);

function wxmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'miniprogram_npm') return [];
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return wxmlFiles(full);
    return entry.name.endsWith('.wxml') ? [full] : [];
  });
}

interface Problem {
  file: string;
  element: string;
  missing: string[];
}

function requiredAttributes(element: Element): string[] {
  const tag = element.tagName.toLowerCase();
  const tappable = TAPPABLE_TAGS.has(tag) || element.getAttributeNames().some((name) => TAPPABLE_EVENTS.test(name));
  return tappable ? ['aria-role', 'aria-label'] : INPUT_TAGS.has(tag) ? ['aria-label'] : [];
}

function elementsOf(wxml: string): Element[] {
  const template = document.createElement('template');
  template.innerHTML = wxml;
  return Array.from(template.content.querySelectorAll('*'));
}

/** Parses WXML with the HTML parser of the test DOM (attributes survive; nesting does not matter here). */
function problemsIn(file: string): Problem[] {
  const problems: Problem[] = [];
  for (const element of elementsOf(readFileSync(file, 'utf8'))) {
    const missing = requiredAttributes(element).filter((name) => !(element.getAttribute(name) ?? '').trim());
    if (missing.length > 0) problems.push({ file: relative(MINIPROGRAM_ROOT, file), element: element.outerHTML.split('>')[0].slice(0, 120), missing });
  }
  return problems;
}

describe('accessibility of every page and component', () => {
  const files = wxmlFiles(MINIPROGRAM_ROOT);

  it('finds the WXML of every page and component', () => {
    const app = JSON.parse(readFileSync(join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> };
    const pages = [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
    for (const page of pages) expect(files).toContain(join(MINIPROGRAM_ROOT, `${page}.wxml`));
  });

  it('gives every tappable element aria-role and aria-label, and every input aria-label', () => {
    expect(files.flatMap(problemsIn)).toEqual([]);
  });

  it('fails on a tappable element without them (the check itself)', () => {
    const wxml = '<view bindtap="go">去</view><t-button aria-role="button">好</t-button><input /><text class="x">plain</text><view catch:tap="x" aria-role="button" aria-label="好">ok</view>';
    const flagged = elementsOf(wxml).filter((e) => requiredAttributes(e).some((name) => !e.getAttribute(name)));
    expect(flagged.map((e) => e.tagName.toLowerCase())).toEqual(['view', 't-button', 'input']);
  });

  it('uses no glyphs as controls (☑ ☐ ○ ●) and no tappable <text>', () => {
    for (const file of files) {
      const wxml = readFileSync(file, 'utf8');
      expect({ file, glyphs: /[☑☐☒○●]/.test(wxml) }).toEqual({ file, glyphs: false });
      expect({ file, tappableText: /<text[^>]*\b(bind|catch):?tap=/.test(wxml) }).toEqual({ file, tappableText: false });
    }
  });
});
