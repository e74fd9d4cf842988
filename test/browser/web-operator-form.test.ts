// The grid forms' shared sign-submit-report pattern (web/src/operator/operator-form.ts) in
// Chromium: while `run` works the form is busy (its button aria-disabled, so it keeps the focus;
// a second submit ignored; a pending note), then it reports the block, or the error with its
// code; without `run` (no grid key) nothing can be submitted.
// `run` here is a function the test settles by hand: the signing and the chain behind it are
// tested end to end in test/e2e/web-app.test.ts.

import type { pvchain } from '../../proto/index.ts';
import { setLocale } from '../../web/src/shared/i18n/i18n.ts';
import '../../web/src/operator/pv-tariffs.ts';
import { checkEqual } from '../shared/check.ts';
import { inShadow, mount, until } from './support/web-app.ts';

type Operations = pvchain.v1.Operation.$Properties[];
type TariffForm = HTMLElement & {
  run: ((operations: Operations) => Promise<string>) | null;
  config: unknown;
  grid: string;
  updateComplete: Promise<unknown>;
};

setLocale('en', false);

/** A `run` whose answer the test gives: resolve with a height or reject with an error. */
function pendingRun() {
  const calls: Operations[] = [];
  let settle: { resolve(height: string): void; reject(error: unknown): void } | null = null;
  const run = (operations: Operations) =>
    new Promise<string>((resolve, reject) => {
      calls.push(operations);
      settle = { resolve, reject };
    });
  return { run, calls, settle: () => settle };
}

async function tariffForm(run: TariffForm['run']): Promise<TariffForm> {
  const form = document.createElement('pv-tariffs') as TariffForm;
  form.run = run;
  form.grid = 'a0010000000000000000000000000000000000000000';
  form.config = { energyContract: 'a0020000000000000000000000000000000000000000' };
  return mount(form);
}

function setRetail(form: TariffForm, value: string): HTMLButtonElement {
  const input = inShadow<HTMLInputElement>(form, '#retail') as HTMLInputElement;
  input.value = value;
  const button = input.form?.querySelector('button') as HTMLButtonElement;
  button.click();
  return button;
}

const text = (form: Element, selector: string) =>
  form.shadowRoot?.querySelector(selector)?.textContent?.trim() ?? null;

describe('web app: the grid forms sign, submit and report', () => {
  it('is busy while the transaction runs, then reports its block', async () => {
    const pending = pendingRun();
    const form = await tariffForm(pending.run);
    const button = setRetail(form, '55');
    await until('the transaction to start', () => pending.settle());
    await form.updateComplete;
    checkEqual(button.getAttribute('aria-disabled'), 'true', 'aria-disabled while busy');
    checkEqual(button.disabled, false, 'not disabled: a keyboard user keeps the focus on it');
    checkEqual(text(form, 'p[role=status]'), 'Signing and waiting for the block…', 'pending');
    button.click();
    checkEqual(pending.calls.length, 1, 'one call of run (the second submit ignored)');
    checkEqual(pending.calls[0]?.length, 1, 'one operation');
    pending.settle()?.resolve('7');
    const done = await until('the result', () => text(form, '[data-result=tariff]'));
    checkEqual(done, 'Retail tariff (fen/kWh) set to 55 in block 7.', 'reports the block');
    checkEqual(button.getAttribute('aria-disabled'), null, 'not busy again');
    form.remove();
  });

  it('reports a refused transaction with its code', async () => {
    const pending = pendingRun();
    const form = await tariffForm(pending.run);
    setRetail(form, '60');
    await until('the transaction to start', () => pending.settle());
    pending.settle()?.reject(Object.assign(new Error('nonce 3 is used'), { code: 'NONCE_USED' }));
    const alert = await until('the error', () => text(form, '[role=alert]'));
    checkEqual(alert, 'Refused (NONCE_USED): nonce 3 is used', 'the code and the message');
    checkEqual(text(form, '[data-result=tariff]'), null, 'no success message');
    form.remove();
  });

  it('cannot submit without the grid key', async () => {
    const form = await tariffForm(null);
    const button = inShadow<HTMLButtonElement>(form, 'form button') as HTMLButtonElement;
    checkEqual(button.disabled, true, 'disabled without run');
    form.remove();
  });
});
