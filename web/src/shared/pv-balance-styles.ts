import { css } from 'lit';
import { FOCUS_ON_DARK } from './styles.ts';

export const balanceStyles = css`
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem 2rem;
    margin: 0;
  }
  dt {
    font-weight: 600;
    color: #464d43;
  }
  dd {
    margin: 0;
    font-size: 1.75rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .verified {
    color: #1d5c2e;
    font-weight: 600;
  }
  .warning {
    --pv-focus: ${FOCUS_ON_DARK};
    background: #8c1010;
    color: #ffffff;
    border-radius: 6px;
    padding: 0.75rem 1rem;
    font-weight: 700;
  }
  .warning button {
    background: #ffffff;
    color: #8c1010;
    border-color: #ffffff;
  }
`;
