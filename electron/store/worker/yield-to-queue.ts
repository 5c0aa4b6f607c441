/** Lets the worker's queued messages run before a long job's next chunk or step. */
export const yieldToQueue = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
