import type { ReactNode } from 'react';
import { SignInScreen } from './SignInScreen';
import { useSso } from './sso-state';

/**
 * While IT requires sign-in and the agent is not signed in, nothing but the sign-in screen shows.
 * Until the first view arrives the app is shown: main answers no other command before it is ready
 * either, and sign-in is one of the things it makes ready, so no work or customer data can show.
 */
export function SignInGate({ children }: { children: ReactNode }) {
  const view = useSso((s) => s.view);
  if (view && view.configured && view.required && !view.signedIn) return <SignInScreen />;
  return <>{children}</>;
}
