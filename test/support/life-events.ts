import { newbornSubmission } from '../../seed/life-events';

// A valid newborn life-event submission (the child born five days ago), shared by the tests that submit one.
export const NEWBORN = newbornSubmission(new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10));
