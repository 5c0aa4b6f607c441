/**
 * My callbacks for the window: place <CallbacksPanel /> in the side column (it binds itself to the
 * bridge). `useCallbacks` tells other features when the list changed (My stats' overdue count).
 */
export { CallbacksPanel } from './CallbacksPanel';
export { useCallbacks } from './callbacks-state';
