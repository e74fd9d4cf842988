// Where the sun stands: the cosine of the solar zenith angle at a place and a local clock time.
// Fractional-year Fourier series of Spencer (1971) for the declination and the equation of time,
// as given in NOAA's "General Solar Position Calculations" (NOAA Global Monitoring Division);
// accurate to a few tenths of a degree, which is ample for a clear-sky power curve.

export type Site = {
  /** Degrees north (negative: south). */
  latitude: number;
  /** Degrees east (negative: west). */
  longitude: number;
  /** The offset of the local clock from UTC, in minutes (Shanghai: 480). */
  utcOffsetMinutes: number;
};

const DEG = Math.PI / 180;

/** 1 for 1 January; `date` is a valid `YYYY-MM-DD`. */
export function dayOfYear(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
}

function daysInYear(date: string): number {
  const y = Number(date.slice(0, 4));
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365;
}

/**
 * The cosine of the solar zenith angle at `clockMinute` (minutes after local midnight on the
 * clock of `site`) of `date`; zero or negative when the sun is below the horizon.
 */
export function cosSolarZenith(site: Site, date: string, clockMinute: number): number {
  const utcHour = (clockMinute - site.utcOffsetMinutes) / 60;
  const gamma = ((2 * Math.PI) / daysInYear(date)) * (dayOfYear(date) - 1 + (utcHour - 12) / 24);
  const declination =
    0.006918 -
    0.399912 * Math.cos(gamma) +
    0.070257 * Math.sin(gamma) -
    0.006758 * Math.cos(2 * gamma) +
    0.000907 * Math.sin(2 * gamma) -
    0.002697 * Math.cos(3 * gamma) +
    0.00148 * Math.sin(3 * gamma);
  const equationOfTimeMinutes =
    229.18 *
    (0.000075 +
      0.001868 * Math.cos(gamma) -
      0.032077 * Math.sin(gamma) -
      0.014615 * Math.cos(2 * gamma) -
      0.040849 * Math.sin(2 * gamma));
  const trueSolarMinute =
    clockMinute + equationOfTimeMinutes + 4 * site.longitude - site.utcOffsetMinutes;
  const hourAngle = (trueSolarMinute / 4 - 180) * DEG;
  const lat = site.latitude * DEG;
  return (
    Math.sin(lat) * Math.sin(declination) +
    Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle)
  );
}
