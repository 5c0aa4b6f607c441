/**
 * Escalation for the window: place <EscalationsPanel /> at the `escalations` slot and call
 * bindEscalation(client) once at start-up.
 */
export { EscalationsPanel } from './EscalationsPanel';
export { bindEscalation, useEscalations } from './escalation-state';
