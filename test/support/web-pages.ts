// What a person does in the web app, as Playwright steps: the grid operator imports the grid's
// key, creates households, registers meters and sets the trigger; a household imports its key,
// buys energy and reads its verified balance. Every step waits for what the page shows (the
// block it was committed in, the verified figure), never for a fixed time.
import type { Locator, Page } from 'playwright-core';

const TX_MS = 30_000;

/** Waits for a form's result (`[data-result=name]`) and returns it; throws with its error. */
async function resultOf(form: Locator, name: string): Promise<string> {
  const either = form.locator(`[data-result=${name}], .error`);
  await either.first().waitFor({ timeout: TX_MS });
  const error = form.locator('.error');
  if ((await error.count()) > 0) throw new Error(`${name}: ${await textOf(error.first())}`);
  return textOf(form.locator(`[data-result=${name}]`));
}

/** The text a locator shows, trimmed. */
export const textOf = async (locator: Locator): Promise<string> =>
  ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

export async function openOperator(page: Page, app: string, gridSecret: string): Promise<void> {
  await page.goto(`${app}#/operator`);
  await page.locator('pv-grid-key #secret').fill(gridSecret);
  await page.locator('pv-grid-key button[type=submit]').first().click();
  await page.locator('pv-grid-key [data-grid]').waitFor({ timeout: TX_MS });
  await page.locator('pv-households-table tr[data-address]').first().waitFor({ timeout: TX_MS });
}

/** Creates a household; returns its address and, for a key made in the browser, its secret. */
export async function createHousehold(
  page: Page,
  household: { name: string; publicKey?: string; energyKwh?: string; moneyCny?: string },
): Promise<{ address: string; secret: string }> {
  const form = page.locator('pv-create-household');
  await form.locator('#name').fill(household.name);
  if (household.publicKey) {
    await form.locator('input[value=paste]').check();
    await form.locator('#publicKey').fill(household.publicKey);
  }
  await form.locator('#energy').fill(household.energyKwh ?? '');
  await form.locator('#money').fill(household.moneyCny ?? '');
  await form.locator('button[type=submit]').click();
  const address = /([0-9a-f]{46})/.exec(await resultOf(form, 'created'))?.[1] ?? '';
  const secretEl = form.locator('[data-secret]');
  const secret = household.publicKey ? '' : await textOf(secretEl);
  return { address, secret };
}

export async function registerMeter(
  page: Page,
  meter: { household: string; id: string; publicKey: string; triggerKwh?: string },
): Promise<void> {
  const form = page.locator('pv-register-meter');
  // The new household joins the table (and this list) once its account message arrives.
  await form.locator(`option[value="${meter.household}"]`).waitFor({
    state: 'attached',
    timeout: TX_MS,
  });
  await form.locator('#household').selectOption(meter.household);
  await form.locator('#meterId').fill(meter.id);
  await form.locator('#meterKey').fill(meter.publicKey);
  await form.locator('#trigger').fill(meter.triggerKwh ?? '');
  await form.locator('button[type=submit]').click();
  await resultOf(form, 'meter');
}

/** Sets one of the tariff form's values (`retail`, `feedIn`, `fee`, `trigger`). */
export async function setTariff(page: Page, id: string, value: string): Promise<string> {
  const form = page.locator('pv-tariffs');
  await form.locator(`#${id}`).fill(value);
  await form.locator(`form:has(#${id}) button`).click();
  return resultOf(form, 'tariff');
}

/** The table row's kWh (in Wh) of `address`, once it shows `wh`. */
export async function waitForRowWh(page: Page, address: string, wh: string): Promise<void> {
  await page
    .locator(`pv-households-table tr[data-address="${address}"] td[data-wh="${wh}"]`)
    .waitFor({ timeout: TX_MS });
}

export async function openHousehold(page: Page, app: string, secret: string): Promise<void> {
  await page.goto(`${app}#/household`);
  const panel = page.locator('pv-key-panel');
  await panel.locator('summary').click();
  await panel.locator('#import-text').fill(secret);
  await panel.locator('button[data-action=import]').click();
  await panel.locator('[data-address]').waitFor({ timeout: TX_MS });
}

/** The energy figure of the balance once the browser has verified one; with its block height. */
export async function verifiedEnergy(page: Page, text?: string) {
  const verified = page.locator('pv-balance [data-state=verified]');
  const figure = verified.locator('[data-figure=energy]');
  if (text) await figure.filter({ hasText: text }).waitFor({ timeout: TX_MS });
  else await figure.waitFor({ timeout: TX_MS });
  const height = await page.locator('pv-balance [data-height]').getAttribute('data-height');
  return { energy: await textOf(figure), height: Number(height) };
}

/** Waits for the trade panel's outcome (the page in English); throws unless it is done. */
export async function tradeDone(page: Page, what: string): Promise<void> {
  const panel = page.locator('pv-trade-panel');
  const status = panel.locator('[data-trade-status]').filter({ hasText: /Done in block|Refused/ });
  await status.waitFor({ timeout: TX_MS });
  const text = await textOf(status);
  if (!text.startsWith('Done')) throw new Error(`${what} failed: ${text}`);
}

export async function buyFromGrid(page: Page, kwh: string): Promise<void> {
  const panel = page.locator('pv-trade-panel');
  await panel.locator('#buy-kwh').fill(kwh);
  await panel.locator('button[data-action=buy-grid]').click();
  // The page is in English (the test's browser context asks for en-US).
  await tradeDone(page, `buying ${kwh} kWh`);
}

/** Posts an offer of `kwh` at `fenPerKwh` to the neighbours (the page in English). */
export async function postOffer(page: Page, kwh: string, fenPerKwh: string): Promise<void> {
  const panel = page.locator('pv-trade-panel');
  await panel.locator('#offer-kwh').fill(kwh);
  await panel.locator('#offer-price').fill(fenPerKwh);
  await panel.locator('button[data-action=post-offer]').click();
  await tradeDone(page, `offering ${kwh} kWh`);
}
