/**
 * The outage banner: place <OutageBanner /> above the customer pane and call bindStatusFeed(client)
 * once at start-up. useActiveIncidents() gives the incidents going on (the wrap-up links a call to one).
 */
import './status-feed.css';
export { OutageBanner } from './OutageBanner';
export { bindStatusFeed, useActiveIncidents } from './status-feed-state';
