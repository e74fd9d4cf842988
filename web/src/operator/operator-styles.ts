// The operator view's additions to the shared look: long addresses and keys wrap anywhere (the
// page never scrolls sideways at 360 px), and fieldsets match the sections.
import { css } from 'lit';

export const operatorStyles = css`
  p,
  option {
    overflow-wrap: anywhere;
  }
  fieldset {
    border: 1px solid #c9cec4;
    border-radius: 6px;
    margin: 0.75rem 0;
    min-width: 0;
  }
  select {
    width: 100%;
  }
`;
