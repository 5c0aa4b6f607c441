/**
 * The agent's call loop in the window: <AgentStatePanel /> at the `agent-state` slot,
 * <CustomerPane /> at `customer-pane`, <ContactWork /> at `contact-work`; call bindAgent(client)
 * once at start-up.
 */
import './agent.css';
export { AgentStatePanel } from './AgentStatePanel';
export { CustomerPane } from './CustomerPane';
export { ContactWork } from './ContactWork';
export { bindAgent, useAgent } from './agent-state';
