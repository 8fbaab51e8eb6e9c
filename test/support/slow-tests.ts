// Function and scenario tests drive real transactions through the emulator; concurrency cases
// (50 contending transactions) need more than jest's 5 s default on a 2-core machine.
jest.setTimeout(60_000);
