export { type AcceleratedClock, createAcceleratedClock } from './accelerated-clock.ts';
export { type PlainReading, type ReadingTick, readingTicks, tickCount } from './reading-ticks.ts';
export {
  type Admission,
  createRelaySubmitter,
  type Refusal,
  type SubmissionStats,
  type SubmitTransactions,
} from './relay-submitter.ts';
export { batchesOf, createRelay, type Relay } from './relay-transactions.ts';
export {
  type MeterSimulationComponents,
  type MeterSimulationOptions,
  type MeterSimulationResult,
  runMeterSimulation,
  type SimulationProgress,
} from './run-meter-simulation.ts';
export {
  meterReadingPayload,
  type ReadingToSign,
  type SignedReading,
  signMeterReading,
  toMeterReading,
} from './sign-readings.ts';
export {
  addDays,
  FRESH_METER,
  type HouseholdKind,
  localDateOf,
  localTimeMs,
  type MeterStart,
  meterStartAfter,
  type SimulatedMeter,
} from './simulated-meter.ts';
export {
  checkSimulatedMeters,
  checkSimulationOptions,
  DEFAULT_INTERVAL_MINUTES,
  DEFAULT_SPEED,
  type SimulationOptions,
} from './simulation-options.ts';
