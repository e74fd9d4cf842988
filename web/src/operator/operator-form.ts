// The grid's forms (create a household, register a meter, set a tariff) share one pattern: the
// operations are signed with the grid's key and submitted through `run`, which waits for the
// block; meanwhile the form is busy (its button aria-disabled, so that a keyboard user keeps the
// focus on it; a second submit is ignored), then it reports the block or the error's code. Each
// form extends OperatorForm, builds its operations and says what to report on success.
import { html, LitElement, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { pvchain } from '../../../proto/index.ts';
import { LocaleController, t } from '../shared/i18n/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import { operatorStyles } from './operator-styles.ts';
import type { RunOperations } from './run-operations.ts';

export class OperatorForm extends LitElement {
  // Typed wide so that each form declares only its own (Lit adds the ones declared here).
  static override properties: PropertyDeclarations = {
    run: { attribute: false },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [baseStyles, operatorStyles];

  declare run: RunOperations | null;
  declare message: string;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.run = null;
    this.message = '';
    this.error = '';
    this.busy = false;
  }

  /** Clears the last outcome: called as a form is submitted, before its fields are checked. */
  protected clearOutcome(): void {
    this.message = '';
    this.error = '';
  }

  /**
   * Runs the operations, busy meanwhile; on success `done(height)` returns the message to show,
   * on failure the error shows with its code.
   */
  protected async runOperations(
    operations: pvchain.v1.Operation.$Properties[],
    done: (height: string) => string,
  ): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const height = await this.run?.(operations);
      this.message = done(height ?? '?');
    } catch (error) {
      const e = error as { code?: string; message: string };
      this.error = t('op.tx.failed', { code: e.code ?? 'ERROR', message: e.message });
    } finally {
      this.busy = false;
    }
  }

  /** The submit button's disabled state: no grid key to sign with. */
  protected get cannotSubmit(): boolean {
    return !this.run;
  }

  /**
   * The submit button's aria-disabled: "true" while busy. Not `disabled`, which would take the
   * focus from the button just pressed and leave a keyboard user on the page's body.
   */
  protected get busyButton(): 'true' | typeof nothing {
    return this.busy ? 'true' : nothing;
  }

  /** The pending note, the error and the success message (`data-result` names the form). */
  protected renderOutcome(result: string): TemplateResult {
    return html`${this.busy ? html`<p role="status">${t('op.tx.pending')}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="ok" role="status" data-result=${result}>${this.message}</p>` : nothing}`;
  }
}
