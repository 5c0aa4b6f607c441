/**
 * Single sign-on for the window: wrap the app in <SignInGate> (only the sign-in screen while IT
 * requires sign-in and the agent is not signed in), place <AgentSignIn /> in the header, and call
 * bindSso(client) once at start-up.
 */
import './sso.css';
export { AgentSignIn } from './AgentSignIn';
export { SignInGate } from './SignInGate';
export { bindSso } from './sso-state';
