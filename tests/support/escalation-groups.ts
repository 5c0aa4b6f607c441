import { defaultWorkflowConfig } from '../../electron/agent/workflow-defaults';
import type { WorkflowConfig } from '../../shared/config/workflow';

/** The shipped workflow with a phone number for one escalation group, as IT's policy gives one: a warm transfer dials it. */
export function withGroupPhone(groupId: string, phone: string, config: WorkflowConfig = defaultWorkflowConfig()): WorkflowConfig {
  return {
    ...config,
    escalationMatrix: {
      ...config.escalationMatrix,
      tiers: config.escalationMatrix.tiers.map((t) => ({
        ...t,
        groups: t.groups.map((g) => (g.id === groupId ? { ...g, phone } : g)),
      })),
    },
  };
}
