/** First run for the window: place <FirstRunGuide /> at the `first-run` slot. */
export { FirstRunGuide } from './FirstRunGuide';
