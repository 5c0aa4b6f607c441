/** My stats for the window: place <MyStatsPanel /> at the `my-stats` slot. */
export { MyStatsPanel } from './MyStatsPanel';
