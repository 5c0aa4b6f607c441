/** Channel names of the single sign-on area (zod-free: the preload imports these). */
export const SSO_COMMANDS = ['sso.getView', 'sso.signIn', 'sso.signOut'] as const;
export const SSO_EVENTS = ['sso.view'] as const;
export const SSO_MEDIA = [] as const;
