/** English messages of the "sso" namespace: the source catalog; the other languages must have every key. */
export default {
  agent: {
    label: 'Signed-in agent',
    notSignedIn: 'Not signed in',
    signIn: 'Sign in',
    signOut: 'Sign out',
    email: ' ({{email}})',
  },
  screen: {
    title: 'Sign in to Switchboard',
    body: 'Your organisation signs you in. Switchboard opens its sign-in page in your browser; come back here when it says you are signed in.',
    waiting: 'Waiting for the sign-in in your browser…',
    signIn: 'Sign in',
  },
  failed: 'That did not work; try again.',
} as const;
