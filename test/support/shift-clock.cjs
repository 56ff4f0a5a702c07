// Moves this process's wall clock KHIDMA_CLOCK_SHIFT_DAYS days ahead (no-op when unset), to prove that no
// test and no seed depends on today's date. Loaded with --require by every Node process of a run (jest, its
// workers, the local cloud) and as a jest setup file (each test file has its own Date); timers are untouched.
const days = Number(process.env.KHIDMA_CLOCK_SHIFT_DAYS || 0);
if (days && !globalThis.Date.khidmaShifted) {
  const RealDate = globalThis.Date;
  const shift = days * 86_400_000;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + shift);
      else super(...args);
    }
    static now() {
      return RealDate.now() + shift;
    }
  }
  Object.defineProperty(ShiftedDate, 'khidmaShifted', { value: true });
  globalThis.Date = ShiftedDate;
}
