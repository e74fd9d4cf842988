// The operator view's components in Chromium, without a network: the households table (rows,
// the PV/ordinary filter, the focusable scrolling region, supply cut marked), the totals adding up,
// and every field of the grid's forms labelled (keyboard and screen-reader use).

import type { GridAccount } from '../../web/src/operator/grid-feed.ts';
import { householdRow } from '../../web/src/operator/grid-totals.ts';
import { setLocale } from '../../web/src/shared/i18n/i18n.ts';
import '../../web/src/operator/pv-create-household.ts';
import '../../web/src/operator/pv-grid-totals.ts';
import '../../web/src/operator/pv-households-table.ts';
import '../../web/src/operator/pv-register-meter.ts';
import '../../web/src/operator/pv-tariffs.ts';
import { checkEqual } from '../shared/check.ts';
import { mount } from './support/web-app.ts';

const GRID = 'a001aaaa';

function account(address: string, name: string, kwh: string, exported: string): GridAccount {
  return {
    address,
    nonce: '0',
    role: 'household',
    realName: name,
    creator: GRID,
    supplyStatus: kwh === '0' ? 'suspended' : 'active',
    balances: [
      { issuer: GRID, code: 'kWh', amount: kwh },
      { issuer: GRID, code: 'CNY', amount: '12345' },
    ],
    meters: [
      {
        meterId: `M-${name}`,
        triggerWh: '0',
        lastReading: { sequence: '1', timeMs: '0', exportedWh: exported, importedWh: '10' },
      },
    ],
  };
}

const ROWS = [
  account('a001b1', 'Wang Wei', '100000', '5000'),
  account('a001b2', 'Li Fang', '0', '0'),
  account('a001b3', 'Chen Min', '1000000', '0'),
].map((a) => householdRow(a, GRID));

const shadow = (el: Element) => el.shadowRoot as ShadowRoot;

setLocale('en', false);

describe('web app: operator components', () => {
  it('lists every household with its balances, filters PV users, marks a cut supply', async () => {
    const table = document.createElement('pv-households-table') as HTMLElement & {
      rows: unknown;
      height: bigint;
      updateComplete: Promise<unknown>;
    };
    table.rows = ROWS;
    table.height = 42n;
    await mount(table);
    const rows = () => [...shadow(table).querySelectorAll('tbody tr')];
    checkEqual(rows().length, 3, 'three households');
    checkEqual(
      rows()
        .map((r) => r.querySelector('th')?.textContent)
        .join(', '),
      'Chen Min, Li Fang, Wang Wei',
      'sorted by name',
    );
    const wang = shadow(table).querySelector('tr[data-address=a001b1]');
    checkEqual(wang?.querySelector('td[data-wh]')?.textContent, '100.000 kWh', 'kWh');
    checkEqual(wang?.querySelector('td[data-fen]')?.textContent, '¥123.45', 'CNY');
    checkEqual(wang?.querySelector('.badge')?.textContent, 'PV', 'a meter exported: PV');
    const li = shadow(table).querySelector('tr[data-address=a001b2]');
    checkEqual(li?.querySelector('.cut')?.textContent, 'Cut', 'supply cut');
    const region = shadow(table).querySelector('[role=region]');
    checkEqual(region?.getAttribute('tabindex'), '0', 'the scrolling table takes the focus');
    checkEqual(
      shadow(table).querySelector('caption')?.textContent?.includes('block 42'),
      true,
      'caption',
    );

    const select = shadow(table).querySelector('select') as HTMLSelectElement;
    select.value = 'pv';
    select.dispatchEvent(new Event('change'));
    await table.updateComplete;
    checkEqual(rows().length, 1, 'PV users only');
    select.value = 'ordinary';
    select.dispatchEvent(new Event('change'));
    await table.updateComplete;
    checkEqual(rows().length, 2, 'ordinary users only');
    table.remove();
  });

  it('adds the grid credit, the households and the escrow up to the energy issued', async () => {
    const totals = document.createElement('pv-grid-totals') as HTMLElement & {
      grid: unknown;
      contract: unknown;
      rows: unknown;
    };
    totals.grid = { ...account(GRID, 'Grid', '8900000', '0'), address: GRID, role: 'grid' };
    totals.contract = account('a001c0', 'Energy', '1000', '0');
    totals.rows = ROWS;
    await mount(totals);
    const wh = (name: string) =>
      shadow(totals).querySelector(`[data-figure=${name}]`)?.getAttribute('data-wh');
    checkEqual(wh('households'), '1100000', 'households');
    checkEqual(wh('escrow'), '1000', 'escrow');
    checkEqual(wh('issued'), '10001000', 'issued = grid + households + escrow');
    checkEqual(wh('exported'), '5000', 'settled export');
    totals.remove();
  });

  it('labels every field of the grid forms', async () => {
    for (const tag of ['pv-create-household', 'pv-register-meter', 'pv-tariffs']) {
      const form = await mount(document.createElement(tag) as HTMLElement);
      const root = shadow(form);
      for (const field of root.querySelectorAll(
        'input:not([type=hidden]):not([type=radio]), select',
      )) {
        const label = root.querySelector(`label[for="${field.id}"]`);
        checkEqual(Boolean(field.id && label?.textContent?.trim()), true, `${tag} #${field.id}`);
      }
      for (const radio of root.querySelectorAll('input[type=radio]'))
        checkEqual(
          radio.closest('label') !== null,
          true,
          `${tag} radio ${(radio as HTMLInputElement).value}`,
        );
      form.remove();
    }
  });
});
