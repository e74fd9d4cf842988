// Placeholder of the grid operator's view: the app shell (web/src/app-shell.ts) lazy-imports this
// module for #/operator. The operator view's engineer replaces this file.
import { html, LitElement } from 'lit';

export class PvOperatorView extends LitElement {
  override render() {
    return html`<p>Operator view</p>`;
  }
}

if (!customElements.get('pv-operator-view'))
  customElements.define('pv-operator-view', PvOperatorView);
