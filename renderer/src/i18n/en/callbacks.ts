/** English messages of the "callbacks" namespace: the source catalog; the other languages must have every key. */
export default {} as const;
