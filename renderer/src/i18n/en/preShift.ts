/** English messages of the "preShift" namespace: the source catalog; the other languages must have every key. */
export default {} as const;
