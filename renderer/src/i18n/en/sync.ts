/** English messages of the "sync" namespace: the source catalog; the other languages must have every key. */
export default {} as const;
