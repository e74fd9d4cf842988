// Keyboard users keep their place: when a change removes or hides the control that had the focus
// (a key made or forgotten, an offer cancelled or bought out), the focus goes to a sensible
// element of the same component instead of falling back to the page's body.

/** Whether the focus is inside `host`'s shadow root. */
export const hasFocusIn = (host: Element): boolean => host.shadowRoot?.activeElement != null;

/** Gives the focus to `fallback` unless an element of `host` that is still shown has it. */
export function refocusIfLost(host: Element, fallback: HTMLElement | null | undefined): void {
  if (!host.shadowRoot?.activeElement?.checkVisibility()) fallback?.focus();
}
