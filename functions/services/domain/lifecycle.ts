// The service lifecycle and the order in which a service may move through it.
import type { LifecycleStage } from '../../../schemas/services';

export const allowedNextStages: Readonly<Record<LifecycleStage, readonly LifecycleStage[]>> = {
  're-engineering': ['feasibility-study'],
  'feasibility-study': ['digitization', 're-engineering'],
  digitization: ['quality-check'],
  'quality-check': ['launched', 'digitization'],
  launched: ['post-launch-evaluation'],
  'post-launch-evaluation': ['re-engineering', 'launched'],
};

export function canMove(from: LifecycleStage, to: LifecycleStage): boolean {
  return allowedNextStages[from].includes(to);
}
