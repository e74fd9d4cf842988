// The head of household's real name in Chromium against the test network: typed on the keyboard
// into the household view's name form and saved with Enter, a SET_REAL_NAME signed in the
// browser; the new name is read back from the chain (the node's API and the browser's verified
// account). Bad input: an empty name is not sent (the field is required); the field takes at
// most the ledger's 64 characters (light-client/transactions/limits.ts MAX_REAL_NAME_CHARS), and
// a longer name that gets past it is refused by the node with TX_INVALID_OPERATION, shown in
// the form, and the name on the chain stays as it was.
import { sendKeys } from '@web/test-runner-commands';
import { MAX_REAL_NAME_CHARS } from '../../light-client/transactions/limits.ts';
import type { AppConfig } from '../../web/src/shared/config.ts';
import { resetLocale } from '../../web/src/shared/i18n/i18n.ts';
import { closeLightClient } from '../../web/src/shared/light-client.ts';
import type { PvBalance } from '../../web/src/shared/pv-balance.ts';
import { checkEqual } from '../shared/check.ts';
import { mountEnrolledHousehold } from './support/household-view.ts';
import { inShadow, until, webConfig } from './support/web-app.ts';

const NEW_NAME = 'Wang Xiuying 王秀英';

const nameField = (view: Element) =>
  inShadow<HTMLInputElement>(view, 'pv-real-name', '#real-name') as HTMLInputElement;
const nameStatus = (view: Element) =>
  inShadow(view, 'pv-real-name', '[role=status]')?.textContent?.trim() ?? '';

/** The account as the node's API serves it (committed state). */
const chainAccount = async (config: AppConfig, address: string) =>
  (await config.api.account(address)).account;

/** The account the browser's light client last verified. */
function verifiedAccount(view: Element) {
  const state = (inShadow(view, 'pv-balance') as PvBalance).state;
  return state.kind === 'verified' ? state.account : null;
}

/** Clears the focused field and types `text`, as a user does. */
async function retype(field: HTMLInputElement, text: string) {
  field.focus();
  field.select();
  await sendKeys({ press: 'Backspace' });
  if (text) await sendKeys({ type: text });
}

describe('web app: the household changes its real name', () => {
  it('saves a typed name to the chain and refuses an empty or over-long one', async () => {
    resetLocale(['en']);
    const config = await webConfig();
    const { view, key } = await mountEnrolledHousehold(config, 100n);
    try {
      await until('the verified name', () => nameField(view)?.value === 'Test household', 60_000);
      const field = nameField(view);
      const nonceBefore = BigInt((await chainAccount(config, key.address)).nonce);

      // Typed and saved with Enter: committed, and read back from the chain.
      await retype(field, NEW_NAME);
      checkEqual(field.value, NEW_NAME, 'typed');
      await sendKeys({ press: 'Enter' });
      const saved = await until(
        'the name saved',
        () => {
          const text = nameStatus(view);
          if (text.startsWith('Refused')) throw new Error(text);
          return /^Name saved in block (\d+)$/.exec(text);
        },
        60_000,
      );
      const height = BigInt(saved[1] ?? '0');
      const onChain = await chainAccount(config, key.address);
      checkEqual(onChain.realName, NEW_NAME, 'the name on the chain');
      checkEqual(BigInt(onChain.nonce), nonceBefore + 1n, 'one transaction');
      const verified = await until('the new name verified', () => {
        const account = verifiedAccount(view);
        return account?.realName === NEW_NAME && account;
      });
      checkEqual(verified.height >= height, true, 'verified at or past its block');
      await until('the form shows the new name', () => nameField(view).value === NEW_NAME);

      // Empty: the required field keeps the form from sending anything.
      await retype(field, '');
      await sendKeys({ press: 'Enter' });
      checkEqual(field.validity.valueMissing, true, 'marked missing');
      checkEqual(nameStatus(view), saved[0], 'no new status');
      checkEqual((await chainAccount(config, key.address)).nonce, onChain.nonce, 'nothing sent');

      // Longer than the ledger's limit: the field stops the keyboard at the limit...
      const tooLong = 'x'.repeat(MAX_REAL_NAME_CHARS + 1);
      await retype(field, tooLong);
      checkEqual(field.value.length, MAX_REAL_NAME_CHARS, 'typing stops at the limit');
      // ...and a name set past it (not typed) is refused by the node with its code.
      field.value = tooLong;
      await sendKeys({ press: 'Enter' });
      const refused = await until('the refusal', () => {
        const text = nameStatus(view);
        return text.startsWith('Refused') && text;
      });
      checkEqual(refused.startsWith('Refused (TX_INVALID_OPERATION): '), true, refused);
      checkEqual(refused.split('TX_INVALID_OPERATION').length, 2, `the code said once: ${refused}`);
      checkEqual(
        refused.endsWith(`setRealName.realName: at most ${MAX_REAL_NAME_CHARS} characters`),
        true,
        `the field and the limit: ${refused}`,
      );
      const after = await chainAccount(config, key.address);
      checkEqual(after.realName, NEW_NAME, 'the name on the chain unchanged');
      checkEqual(after.nonce, onChain.nonce, 'no transaction committed');
    } finally {
      view.remove();
      await closeLightClient();
    }
  });
});
