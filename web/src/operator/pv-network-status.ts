// <pv-network-status>: the chain as the connected node sees it, refreshed every 2 s: height,
// PBFT view, pool, peers (GET /v1/status), the validator set (GET /v1/validators), and the
// transactions per second of the committed blocks the live feed reports (`tps`, from its owner).
import { css, html, LitElement, nothing } from 'lit';
import { shortAddress } from '../shared/format.ts';
import { LocaleController, t } from '../shared/i18n/i18n.ts';
import { baseStyles } from '../shared/styles.ts';

type Status = { height: string; view: string; mempoolSize: number; peers: number };
type Validators = { since: string; validators: { address: string; votingPower: string }[] };

const REFRESH_MS = 2000;

export class PvNetworkStatus extends LitElement {
  static override properties = {
    base: { attribute: false },
    tps: { attribute: false },
    status: { state: true },
    validators: { state: true },
    error: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 0.5rem; margin: 0 0 0.75rem; }
      dt { color: #464d43; font-size: 0.9rem; }
      dd { margin: 0; font-size: 1.2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
      table { border-collapse: collapse; }
      caption { text-align: left; }
      th, td { padding: 0.2rem 0.75rem 0.2rem 0; text-align: left; }
    `,
  ];

  declare base: string;
  declare tps: number | null;
  declare status: Status | null;
  declare validators: Validators | null;
  declare error: string;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    new LocaleController(this);
    this.base = '';
    this.tps = null;
    this.status = null;
    this.validators = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#refresh();
    this.#timer = setInterval(() => void this.#refresh(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  async #refresh(): Promise<void> {
    if (!this.base) return;
    try {
      const [status, validators] = await Promise.all([
        fetch(`${this.base}/v1/status`).then((r) => r.json() as Promise<Status>),
        fetch(`${this.base}/v1/validators`).then((r) => r.json() as Promise<Validators>),
      ]);
      this.status = status;
      this.validators = validators;
      this.error = '';
    } catch (error) {
      this.error = t('op.status.failed', { code: (error as Error).name });
    }
  }

  override render() {
    const s = this.status;
    const v = this.validators;
    return html`<h2>${t('op.status.heading')}</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <dl>
        <div><dt>${t('op.status.height')}</dt><dd data-figure="height">${s?.height ?? '—'}</dd></div>
        <div><dt>${t('op.status.view')}</dt><dd data-figure="view">${s?.view ?? '—'}</dd></div>
        <div><dt>${t('op.status.tps')}</dt><dd data-figure="tps">${this.tps === null ? '—' : this.tps.toFixed(1)}</dd></div>
        <div><dt>${t('op.status.pool')}</dt><dd>${s?.mempoolSize ?? '—'}</dd></div>
        <div><dt>${t('op.status.peers')}</dt><dd>${s?.peers ?? '—'}</dd></div>
      </dl>
      ${
        v
          ? html`<table data-figure="validators">
              <caption class="muted">${t('op.status.validators', { count: v.validators.length, since: v.since })}</caption>
              <thead><tr><th scope="col">${t('op.status.validator')}</th><th scope="col">${t('op.status.power')}</th></tr></thead>
              <tbody>
                ${v.validators.map(
                  (x) =>
                    html`<tr><td class="mono" title=${x.address}>${shortAddress(x.address)}</td><td>${x.votingPower}</td></tr>`,
                )}
              </tbody>
            </table>`
          : nothing
      }`;
  }
}

if (!customElements.get('pv-network-status'))
  customElements.define('pv-network-status', PvNetworkStatus);
