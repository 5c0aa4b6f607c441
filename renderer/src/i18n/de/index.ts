/** The German catalog, one module per namespace. */
import common from './common';
import app from './app';
import telephony from './telephony';
import agent from './agent';
import scripts from './scripts';
import escalation from './escalation';
import callbacks from './callbacks';
import stats from './stats';
import statusFeed from './statusFeed';
import sync from './sync';
import settings from './settings';
import sso from './sso';
import firstRun from './firstRun';
import preShift from './preShift';
import store from './store';
import diagnostics from './diagnostics';
import clickToDial from './clickToDial';
import messages from '../../../../shared/text/de';

export default {
  common,
  app,
  telephony,
  agent,
  scripts,
  escalation,
  callbacks,
  stats,
  statusFeed,
  sync,
  settings,
  sso,
  firstRun,
  preShift,
  store,
  diagnostics,
  clickToDial,
  messages,
};
