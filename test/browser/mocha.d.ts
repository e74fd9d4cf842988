// The globals that @web/test-runner's Mocha gives browser tests.
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
