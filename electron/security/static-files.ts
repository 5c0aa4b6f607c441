import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.webmanifest': 'application/manifest+json',
};

/** A file the build names by its content (vite's `assets/<name>-<hash>.<ext>`): its bytes never change under that name. */
const CONTENT_NAMED = /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/**
 * How long the browser may keep a served file. The page itself is never stored: it carries the
 * CSP bound to this run's port. A content-named file is kept for a year without asking again, so a
 * later start reads the bundle from the browser's cache and runs it from V8's code cache, as the
 * Electron window does from app:// (electron/platform/app-protocol.ts); anything else is asked for
 * again each time. `private`: the files are served only to a signed-in session.
 */
export function cacheControlFor(root: string, file: string): string {
  if (file.endsWith('.html')) return 'no-store';
  const relative = path.relative(path.resolve(root), file).split(path.sep).join('/');
  return CONTENT_NAMED.test(relative) ? 'private, max-age=31536000, immutable' : 'no-cache';
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path to a file inside `root`, or null when it would leave root,
 * holds encoded separators or NUL, or is otherwise not a plain file path.
 * `/` is the app's index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // No legitimate request names a parent folder, so `..` is refused outright
  // rather than trusting normalisation to clamp it at the root.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return null;
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  const normalised = path.posix.normalize(decoded);
  if (!normalised.startsWith('/')) return null;
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, `.${normalised}`);
  if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) return null;
  return file;
}

export async function openStaticFile(
  root: string,
  urlPath: string,
): Promise<{ file: string; size: number; stream: () => NodeJS.ReadableStream } | null> {
  const file = resolveStaticPath(root, urlPath);
  if (!file) return null;
  try {
    const info = await stat(file);
    if (!info.isFile()) return null;
    return { file, size: info.size, stream: () => createReadStream(file) };
  } catch {
    return null;
  }
}
