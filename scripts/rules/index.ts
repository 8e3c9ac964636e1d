import type { Rule } from '../lint/rule.ts';
import bodyLinks from './body-links.ts';
import codeowners from './codeowners.ts';
import decisionBranches from './decision-branches.ts';
import exceptionHandling from './exception-handling.ts';
import kpiFeasible from './kpi-feasible.ts';
import kpiMeasurable from './kpi-measurable.ts';
import lifecycleGate from './lifecycle-gate.ts';
import lifecycleOutputs from './lifecycle-outputs.ts';
import lifecycleStages from './lifecycle-stages.ts';
import processRef from './process-ref.ts';
import reviewOverdue from './review-overdue.ts';
import schema from './schema.ts';
import stepAccountable from './step-accountable.ts';
import stepDeadline from './step-deadline.ts';
import stepOwner from './step-owner.ts';
import stepRaci from './step-raci.ts';
import stepReachable from './step-reachable.ts';
import stepRef from './step-ref.ts';
import translationComplete from './translation-complete.ts';

/** Every rule, by id (keys sorted). */
export const rules: Record<string, Rule<any>> = {
  'body-links': bodyLinks,
  codeowners,
  'decision-branches': decisionBranches,
  'exception-handling': exceptionHandling,
  'kpi-feasible': kpiFeasible,
  'kpi-measurable': kpiMeasurable,
  'lifecycle-gate': lifecycleGate,
  'lifecycle-outputs': lifecycleOutputs,
  'lifecycle-stages': lifecycleStages,
  'process-ref': processRef,
  'review-overdue': reviewOverdue,
  schema,
  'step-accountable': stepAccountable,
  'step-deadline': stepDeadline,
  'step-owner': stepOwner,
  'step-raci': stepRaci,
  'step-reachable': stepReachable,
  'step-ref': stepRef,
  'translation-complete': translationComplete,
};
