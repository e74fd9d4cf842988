// The layout rules uPlot's markup needs inside the chart's shadow root (its stylesheet does not
// reach there): the plot's layers stacked on each other, the cursor and selection over them.
import { css } from 'lit';

export const uplotStyles = css`
  .uplot,
  .u-wrap {
    position: relative;
  }
  .u-wrap {
    user-select: none;
  }
  .u-under,
  .u-over,
  .u-axis,
  .u-select,
  .u-cursor-x,
  .u-cursor-y,
  .u-cursor-pt {
    position: absolute;
  }
  .u-wrap canvas {
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
  }
  .u-select {
    pointer-events: none;
    background: rgb(0 0 0 / 7%);
  }
  .u-cursor-x,
  .u-cursor-y,
  .u-cursor-pt {
    left: 0;
    top: 0;
    pointer-events: none;
  }
  .u-hz .u-cursor-x {
    height: 100%;
    border-right: 1px dashed #5f665b;
  }
  .u-hz .u-cursor-y {
    width: 100%;
    border-bottom: 1px dashed #5f665b;
  }
  .u-cursor-pt {
    border-radius: 50%;
  }
  .u-off {
    display: none;
  }
`;
