/**
 * The sync feature for the window: place <SyncStatusStrip /> (e.g. above the
 * status bar) and call bindSync(client) once at start-up, next to bindConnection.
 */
export { SyncStatusStrip } from './SyncStatusStrip';
export { bindSync, useSync } from './sync-state';
