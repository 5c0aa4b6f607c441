/** English messages of the "scripts" namespace: the source catalog; the other languages must have every key. */
export default {} as const;
