import type { Rule } from '../lint/rule.ts';
import approvalOutcomes from './approval-outcomes.ts';
import bodyLinks from './body-links.ts';
import changeControl from './change-control.ts';
import codeowners from './codeowners.ts';
import crossDepartmentReview from './cross-department-review.ts';
import decisionBranches from './decision-branches.ts';
import exceptionHandling from './exception-handling.ts';
import formRegistered from './form-registered.ts';
import kpiFeasible from './kpi-feasible.ts';
import kpiMeasurable from './kpi-measurable.ts';
import lifecycleGate from './lifecycle-gate.ts';
import lifecycleOutputs from './lifecycle-outputs.ts';
import lifecycleStages from './lifecycle-stages.ts';
import loopFlags from './loop-flags.ts';
import processComplete from './process-complete.ts';
import processRef from './process-ref.ts';
import reviewIndependence from './review-independence.ts';
import reviewOverdue from './review-overdue.ts';
import schema from './schema.ts';
import segregationOfDuties from './segregation-of-duties.ts';
import stepAccountable from './step-accountable.ts';
import stepDeadline from './step-deadline.ts';
import stepOwner from './step-owner.ts';
import stepRaci from './step-raci.ts';
import stepReachable from './step-reachable.ts';
import stepRef from './step-ref.ts';
import suppression from './suppression.ts';
import translationComplete from './translation-complete.ts';

/** Every rule, by id (keys sorted). */
export const rules: Record<string, Rule<any>> = {
  'approval-outcomes': approvalOutcomes,
  'body-links': bodyLinks,
  'change-control': changeControl,
  codeowners,
  'cross-department-review': crossDepartmentReview,
  'decision-branches': decisionBranches,
  'exception-handling': exceptionHandling,
  'form-registered': formRegistered,
  'kpi-feasible': kpiFeasible,
  'kpi-measurable': kpiMeasurable,
  'lifecycle-gate': lifecycleGate,
  'lifecycle-outputs': lifecycleOutputs,
  'lifecycle-stages': lifecycleStages,
  'loop-flags': loopFlags,
  'process-complete': processComplete,
  'process-ref': processRef,
  'review-independence': reviewIndependence,
  'review-overdue': reviewOverdue,
  schema,
  'segregation-of-duties': segregationOfDuties,
  'step-accountable': stepAccountable,
  'step-deadline': stepDeadline,
  'step-owner': stepOwner,
  'step-raci': stepRaci,
  'step-reachable': stepReachable,
  'step-ref': stepRef,
  suppression,
  'translation-complete': translationComplete,
};
