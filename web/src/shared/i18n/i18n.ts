// The app's language: Chinese when the browser asks for it first, else English; the choice is
// kept in localStorage. Components use `t()` and a LocaleController to re-render on a switch.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, type MessageKey } from './en.ts';
import { zh } from './zh.ts';

export type Locale = 'en' | 'zh';
export type { MessageKey };

const TABLES: Record<Locale, Record<MessageKey, string>> = { en, zh };
const STORAGE_KEY = 'pvchain.locale';
const listeners = new Set<() => void>();

/** The language the browser prefers: the first of `languages` that is Chinese or English. */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh') return saved;
  return preferredLocale(globalThis.navigator?.languages ?? []);
}

let current: Locale = initialLocale();

export const getLocale = (): Locale => current;

/** Switches the language everywhere (and remembers it unless `remember` is false). */
export function setLocale(locale: Locale, remember = true): void {
  current = locale;
  if (remember) globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  applyToDocument();
  for (const listener of listeners) listener();
}

/** The page's `lang` and title in the current language. */
export function applyToDocument(): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  document.title = `${t('app.title')}: ${t('app.tagline')}`;
}

/** Forgets a saved choice and follows `languages` again (tests; a "reset" in settings). */
export function resetLocale(languages: readonly string[]): void {
  globalThis.localStorage?.removeItem(STORAGE_KEY);
  setLocale(preferredLocale(languages), false);
}

/** The message `key` in the current language, `{name}` replaced from `params`. */
export function t(key: MessageKey, params: Record<string, string | number | bigint> = {}): string {
  const text = TABLES[current][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Re-renders its host when the language changes. */
export class LocaleController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #listener = () => this.#host.requestUpdate();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    listeners.add(this.#listener);
  }

  hostDisconnected(): void {
    listeners.delete(this.#listener);
  }
}
