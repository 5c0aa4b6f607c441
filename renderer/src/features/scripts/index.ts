/**
 * Guided scripts for the window: place <ScriptsPanel /> in the work pane beside the wrap-up (it
 * binds itself to the bridge and follows the contact on screen).
 */
export { ScriptsPanel } from './ScriptsPanel';
