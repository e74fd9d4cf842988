// Names of the Performance API marks the app sets, which bench/web reads.

/** The first verified balance a page shows (its time: from the start of the navigation). */
export const BALANCE_SHOWN = 'pvchain:verified-balance-shown';
