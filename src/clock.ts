/** Time as a dependency, so retention jobs and timeouts are tested with a fake clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
