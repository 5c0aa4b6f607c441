// V8 keeps a script's source in memory for as long as the script lives, one byte per character when
// every character is Latin-1 and two bytes otherwise: one em dash in a comment doubles the memory of
// a 3.5 MB bundle, in main and in each store thread. esbuild escapes non-ASCII in strings and names
// but leaves comments and regular-expression literals as written, so the bundles are made ASCII here.

/**
 * `code` with every non-ASCII UTF-16 unit written as a `\uXXXX` escape. In a comment that is text;
 * in a regular expression or string it is the same character (a surrogate pair escape is one code
 * point under the `u` flag, two units without it, as before). An identity escape of a non-ASCII
 * character (`\–`) loses its backslash, which did nothing, so the new escape is not itself escaped.
 *
 * @param {string} code
 * @returns {string}
 */
export function asciiOnly(code) {
  return code.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes, unit) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
