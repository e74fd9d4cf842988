// Shared look: readable contrast (text at least 7:1 on its background, links and buttons 4.5:1),
// visible focus, touch-sized controls, one column at phone width. The focus ring is at least 3:1
// against what is behind it: blue on the light page; a dark part (the header, the balance's
// warning) sets --pv-focus to FOCUS_ON_DARK, which reaches into every component inside it.
import { css, unsafeCSS } from 'lit';

/** The focus ring's colour on the dark green header and the dark red warning (5.6:1, 6.8:1). */
export const FOCUS_ON_DARK = unsafeCSS('#ffd54f');

export const baseStyles = css`
  :host {
    display: block;
    color: #1b1f1a;
    font-size: 1rem;
    line-height: 1.5;
  }
  section {
    background: #ffffff;
    border: 1px solid #c9cec4;
    border-radius: 8px;
    padding: 1rem;
    margin: 0 0 1rem;
  }
  h2 {
    font-size: 1.15rem;
    margin: 0 0 0.75rem;
  }
  button {
    font: inherit;
    min-height: 44px;
    padding: 0.4rem 1rem;
    border-radius: 6px;
    border: 1px solid #1d5c2e;
    background: #1d5c2e;
    color: #ffffff;
    cursor: pointer;
  }
  button.secondary {
    background: #ffffff;
    color: #1d5c2e;
  }
  /* aria-disabled: busy while a transaction is signed and committed, still focusable. */
  button:disabled,
  button[aria-disabled='true'] {
    background: #d7dbd3;
    border-color: #8a9186;
    color: #3b4238;
    cursor: not-allowed;
  }
  input,
  textarea,
  select {
    font: inherit;
    min-height: 44px;
    box-sizing: border-box;
    padding: 0.3rem 0.5rem;
    border: 1px solid #5f665b;
    border-radius: 6px;
    max-width: 100%;
  }
  :focus-visible {
    outline: 3px solid var(--pv-focus, #0b57d0);
    outline-offset: 2px;
  }
  label {
    display: block;
    font-weight: 600;
    margin: 0.5rem 0 0.25rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  /* A wide field (a 40-character key) shrinks to the phone's width instead of widening the page. */
  .row > * {
    min-width: 0;
  }
  .muted {
    color: #464d43;
  }
  .error {
    color: #8c1010;
    font-weight: 600;
  }
  .ok {
    color: #1d5c2e;
  }
  code,
  .mono {
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
  }
`;
