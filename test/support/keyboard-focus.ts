// Keyboard use of the web app in Playwright: which element has the focus (through shadow roots),
// whether it shows it (an outline or a box shadow while it matches :focus-visible, the outline at
// least 3:1 against what is behind it, WCAG 1.4.11), and Tab / Shift+Tab until a target is reached
// with every stop checked.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export type Focused = {
  /** `tag[id=..][data-action=..][type=..] "text"`, for matching and for messages. */
  what: string;
  focusVisible: boolean;
  outline: boolean;
  boxShadow: boolean;
  /** The outline's contrast against the first opaque background behind the element. */
  outlineContrast: number;
  onScreen: boolean;
};

/** The element that has the focus and how it shows it; null when nothing (the body) has it. */
export const focused = (page: Page): Promise<Focused | null> =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return null;
    const rgba = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const linear = (c: number) => (c <= 10.31 ? c / 3294.6 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    let behind = [255, 255, 255];
    for (let up = element.parentElement ?? (element.getRootNode() as ShadowRoot).host; up; ) {
      const colour = rgba(getComputedStyle(up).backgroundColor);
      if ((colour[3] ?? 1) > 0) {
        behind = colour;
        break;
      }
      up = up.parentElement ?? (up.getRootNode() as ShadowRoot).host ?? null;
    }
    const style = getComputedStyle(element);
    const [light, dark] = [luminance(rgba(style.outlineColor)), luminance(behind)].sort(
      (a, b) => b - a,
    ) as [number, number];
    const name = ['id', 'data-action', 'type']
      .map((a) => (element.getAttribute(a) ? `[${a}=${element.getAttribute(a)}]` : ''))
      .join('');
    const box = element.getBoundingClientRect();
    return {
      what: `${element.localName}${name} "${(element.textContent ?? '').trim().slice(0, 30)}"`,
      focusVisible: element.matches(':focus-visible'),
      outline: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0,
      boxShadow: style.boxShadow !== 'none',
      outlineContrast: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
      onScreen: box.width > 0 && box.height > 0,
    };
  });

/** Throws unless the focus is on an element on screen that shows it clearly. */
export async function assertFocusShown(page: Page, after: string): Promise<Focused> {
  const now = await focused(page);
  assert.ok(now, `the focus was lost after ${after}`);
  const shown = now.outline ? now.outlineContrast >= 3 : now.boxShadow;
  assert.ok(
    now.focusVisible && shown && now.onScreen,
    `no visible focus on ${now.what} after ${after}: ${JSON.stringify(now)}`,
  );
  return now;
}

/**
 * Presses `key` until `done(focused)` (at most `maxPresses` times); every element that takes the
 * focus on the way must show it (assertFocusShown). Returns the elements passed.
 */
async function pressUntil(
  page: Page,
  key: string,
  maxPresses: number,
  done: (now: Focused | null) => boolean,
): Promise<string[]> {
  const path: string[] = [];
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (done(now)) return path;
    path.push((await assertFocusShown(page, [...path, key].join(' -> '))).what);
  }
  assert.fail(`not done after ${maxPresses} presses of ${key}: ${path.join(' -> ')}`);
}

/** Presses `key` (Tab or Shift+Tab) until the focused element's description matches `target`. */
export async function tabTo(page: Page, target: RegExp, key = 'Tab', maxPresses = 40) {
  await pressUntil(page, key, maxPresses, (now) => now !== null && target.test(now.what));
  await assertFocusShown(page, `${key} to ${target}`);
}

/**
 * From the app's first link (where a keyboard user starts), Tab through every control to the end
 * of the page (the focus leaves it); each shows the focus. Returns how many took the focus.
 */
export async function tabThroughPage(page: Page, maxPresses = 200): Promise<number> {
  await page.evaluate(() =>
    document.querySelector('pv-app')?.shadowRoot?.querySelector<HTMLElement>('nav a')?.focus(),
  );
  const path = await pressUntil(page, 'Tab', maxPresses, (now) => now === null);
  return path.length;
}
