/** Channel names of the policy area (zod-free: the preload imports these). */
export const POLICY_COMMANDS = ['policy.get', 'policy.setAppearance'] as const;
export const POLICY_EVENTS = [] as const;
export const POLICY_MEDIA = [] as const;
