import type { IssueText } from '../../../shared/bridge/errors';
import { translateUserText } from '../i18n';

/** One field's problem: `path` as the request names the field ("notes", "handoff.customerExpectation"). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** `field.path: what is wrong` → its field and its (English) sentence; null for an entry without a field. */
function parseIssue(issue: string): FieldIssue | null {
  const at = issue.indexOf(': ');
  return at > 0 ? { path: issue.slice(0, at), message: issue.slice(at + 2) } : null;
}

/**
 * The problems main found in a refused request, field by field, in the agent's language: main's
 * message for a field where it gave one (`issueTexts`), else its English `issues` entry as written.
 */
export function fieldIssuesOf(error: unknown): FieldIssue[] {
  const { issues, issueTexts } = (error ?? {}) as { issues?: readonly string[]; issueTexts?: readonly IssueText[] };
  const translated = (issueTexts ?? []).map((i) => ({ path: i.path, message: translateUserText(i.text) }));
  const said = new Set(translated.map((i) => i.path));
  const english = (issues ?? []).map(parseIssue).filter((i): i is FieldIssue => i !== null && !said.has(i.path));
  return [...translated, ...english];
}
