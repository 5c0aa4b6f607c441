import { useEffect, useState } from 'react';

/**
 * A canvas cannot use CSS variables, so the chart reads the design tokens when it draws and draws
 * again when they may have changed: the OS switching light/dark or high contrast (media queries)
 * or the setting switching <html data-theme>.
 */
const THEME_QUERIES = ['(prefers-color-scheme: dark)', '(forced-colors: active)', '(prefers-contrast: more)'];

/** A number that changes whenever the theme may have: use it as an effect dependency to redraw. */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const queries = THEME_QUERIES.map((q) => window.matchMedia(q));
    for (const q of queries) q.addEventListener('change', bump);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    return () => {
      for (const q of queries) q.removeEventListener('change', bump);
      observer.disconnect();
    };
  }, []);
  return version;
}

/**
 * The colour a token stands for at `within`, as the canvas understands it ("rgb(11, 92, 173)"):
 * a probe element resolves var(), system colours in forced-colors mode and the theme in force.
 * (Set through the CSSOM, which the style-src CSP allows.)
 */
export function tokenColor(within: HTMLElement, token: `--${string}`, fallback = 'currentColor'): string {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  probe.style.color = `var(${token}, ${fallback})`;
  within.appendChild(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

/** The font the chart's text should use: the element's own, in canvas font syntax. */
export function canvasFont(within: HTMLElement, sizeToken: `--${string}` = '--text-xs'): string {
  const style = getComputedStyle(within);
  const probe = document.createElement('span');
  probe.style.display = 'none';
  probe.style.fontSize = `var(${sizeToken})`;
  within.appendChild(probe);
  const size = getComputedStyle(probe).fontSize;
  probe.remove();
  return `${size} ${style.fontFamily}`;
}
