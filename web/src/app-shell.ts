// <pv-app>: the app shell. Loads the chain configuration (shared/config.ts), shows the language
// switch and the views: #/household (default) and #/operator (lazy-loaded from ./operator/).
import { css, html, LitElement, nothing } from 'lit';
import { appConfig } from './shared/boot.ts';
import type { AppConfig } from './shared/config.ts';
import { LocaleController, t } from './shared/i18n/i18n.ts';
import { errorCode } from './shared/light-client.ts';
import './shared/pv-language-switch.ts';
import { baseStyles, FOCUS_ON_DARK } from './shared/styles.ts';
import './household/household-view.ts';

export type Route = 'household' | 'operator';

export const routeOf = (hash: string): Route =>
  hash.startsWith('#/operator') ? 'operator' : 'household';

export class PvApp extends LitElement {
  static override properties = {
    config: { attribute: false },
    route: { state: true },
    error: { state: true },
    operatorLoaded: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      header { background: #1d5c2e; color: #fff; padding: 0.75rem 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; }
      header h1 { font-size: 1.25rem; margin: 0; }
      header p { margin: 0; font-size: 0.9rem; }
      nav a { color: #fff; margin-right: 1rem; font-weight: 600; }
      nav a[aria-current='page'] { text-decoration: underline 3px; }
      header { --pv-focus: ${FOCUS_ON_DARK}; }
      main { max-width: 52rem; margin: 0 auto; padding: 1rem 0.75rem; }
    `,
  ];

  declare config: AppConfig | null;
  declare route: Route;
  declare error: { code: string; message: string } | null;
  declare operatorLoaded: boolean;
  readonly #onHash = () => this.#go();

  constructor() {
    super();
    new LocaleController(this);
    this.config = null;
    this.route = routeOf(location.hash);
    this.error = null;
    this.operatorLoaded = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHash);
    this.#go();
    if (!this.config)
      appConfig().then(
        (config) => {
          this.config = config;
        },
        (error) => {
          this.error = { code: errorCode(error), message: (error as Error).message };
        },
      );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHash);
  }

  #go() {
    this.route = routeOf(location.hash);
    if (this.route === 'operator' && !this.operatorLoaded)
      import('./operator/operator-view.ts').then(() => {
        this.operatorLoaded = true;
      });
  }

  override render() {
    return html`<header>
        <div>
          <h1>${t('app.title')}</h1>
          <p>${t('app.tagline')}</p>
        </div>
        <nav aria-label=${t('nav.label')}>
          <a href="#/household" aria-current=${this.route === 'household' ? 'page' : 'false'}>${t('nav.household')}</a>
          <a href="#/operator" aria-current=${this.route === 'operator' ? 'page' : 'false'}>${t('nav.operator')}</a>
        </nav>
        <pv-language-switch></pv-language-switch>
      </header>
      <main>
        ${this.error ? html`<p class="error" role="alert">${t('config.failed', this.error)}</p>` : nothing}
        ${!this.config && !this.error ? html`<p role="status">${t('config.loading')}</p>` : nothing}
        ${this.config?.trustFromNode ? html`<p class="muted">${t('config.trustFromNode')}</p>` : nothing}
        ${
          this.route === 'household'
            ? html`<pv-household-view .config=${this.config}></pv-household-view>`
            : html`<pv-operator-view .config=${this.config}></pv-operator-view>`
        }
      </main>`;
  }
}

if (!customElements.get('pv-app')) customElements.define('pv-app', PvApp);
