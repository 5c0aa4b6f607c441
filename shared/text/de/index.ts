/** German of the messages main composes (`shared/text/en`), one module per area. */
import agent from './agent';
import app from './app';
import bridge from './bridge';
import escalation from './escalation';
import notification from './notification';
import policy from './policy';
import preShift from './preShift';
import sso from './sso';
import statusFeed from './statusFeed';
import store from './store';
import sync from './sync';
import telephony from './telephony';

export default { agent, app, bridge, escalation, notification, policy, preShift, sso, statusFeed, store, sync, telephony } as const;
