/**
 * The workflow configuration a first install runs on: the catalogs in resources/workflow (bundled
 * into main, and shipped as-is for IT to read and copy into a policy) plus the schema's defaults.
 */
import type { z } from 'zod';
import { workflowConfigSchema, type WorkflowConfig } from '../../shared/config/workflow';
import escalationMatrixFile from '../../resources/workflow/escalation-matrix.json';
import guidedScriptsFile from '../../resources/workflow/guided-scripts.json';
import notReadyReasonsFile from '../../resources/workflow/not-ready-reasons.json';
import slaPolicyFile from '../../resources/workflow/sla-policy.json';
import wrapUpCodesFile from '../../resources/workflow/wrap-up-codes.json';
import { issueEnglish } from '../../shared/policy/rule-text';

/** "wrapUpCodes[3].label: must not be empty" - one line per problem, for a policy author. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => issueEnglish(issue, { style: 'policy' }));
}

export type ParsedWorkflowConfig = { ok: true; config: WorkflowConfig } | { ok: false; problems: string[] };

/** Checks a whole workflow section (from a policy or resources); `source` prefixes each problem. */
export function parseWorkflowConfig(input: unknown, source: string): ParsedWorkflowConfig {
  const parsed = workflowConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: describeIssues(parsed.error).map((p) => `${source}: ${p}`) };
}

/** The unparsed default section, for layering under a policy. */
export function defaultWorkflowInput(): Record<string, unknown> {
  return {
    wrapUpCodes: wrapUpCodesFile.wrapUpCodes,
    notReadyReasons: notReadyReasonsFile.notReadyReasons,
    escalationMatrix: escalationMatrixFile.escalationMatrix,
    sla: slaPolicyFile.sla,
    guidedScripts: guidedScriptsFile.guidedScripts,
  };
}

/** The shipped defaults, parsed. A failure here is a packaging bug, not an agent's problem. */
export function defaultWorkflowConfig(): WorkflowConfig {
  const parsed = parseWorkflowConfig(defaultWorkflowInput(), 'resources/workflow');
  if (!parsed.ok) throw new Error(`Built-in workflow defaults are invalid: ${parsed.problems.join('; ')}`);
  return parsed.config;
}
