/** Channel names of the agent area: call loop, screen pop, wrap-up (zod-free: the preload imports these). */
export const AGENT_COMMANDS = [
  'agent.getView',
  'agent.setState',
  'agent.extendWrapUp',
  'agent.saveWrapUpDraft',
  'agent.submitWrapUp',
  'agent.pickCustomer',
  'agent.createCustomer',
  'agent.moveInteraction',
  'agent.logContact',
] as const;
export const AGENT_EVENTS = ['agent.view'] as const;
export const AGENT_MEDIA = [] as const;
