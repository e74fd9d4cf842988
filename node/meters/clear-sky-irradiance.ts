// Clear-sky global horizontal irradiance by the Haurwitz model (Haurwitz 1945, 1946; as
// evaluated in Reno, Hansen & Stein, "Global Horizontal Irradiance Clear Sky Models:
// Implementation and Analysis", Sandia report SAND2012-2389): GHI = 1098 cos(z) e^(-0.059/cos(z))
// W/m², which needs nothing but the solar zenith angle z.

/** Clear-sky GHI in W/m² for the cosine of the zenith angle; zero with the sun down. */
export function haurwitzIrradiance(cosZenith: number): number {
  if (!(cosZenith > 0)) return 0;
  return 1098 * cosZenith * Math.exp(-0.059 / cosZenith);
}

/** Irradiance at which a panel yields its rated (peak) power: standard test conditions. */
export const STC_IRRADIANCE = 1000;
