/** Policy keys for how the window looks and reads: the colour theme and the language. */
import * as z from 'zod';
import { oneOf } from '../rule-text';
import { define } from '../key-definition';

/** "system" follows the OS's light or dark mode; high contrast (forced colours) applies over any of them. */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** "system" follows the OS's preferred languages; the others are the languages the window is translated into. */
export const LANGUAGE_CHOICES = ['system', 'en', 'de'] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

export const APPEARANCE_KEYS = {
  theme: define({
    section: 'Appearance',
    title: 'Theme',
    description:
      "The window's colours: system (follows the operating system's light or dark mode), light or dark. High-contrast mode of the operating system applies over any of them. Agents can change it in Settings unless it is enforced.",
    kind: 'string',
    schema: z.enum(THEME_CHOICES, { error: oneOf(THEME_CHOICES) }),
    builtin: 'system',
    example: 'dark',
  }),
  language: define({
    section: 'Appearance',
    title: 'Language',
    description:
      "The window's language: system (the first of the operating system's preferred languages that Switchboard is translated into, else English), en (English) or de (German). Agents can change it in Settings unless it is enforced.",
    kind: 'string',
    schema: z.enum(LANGUAGE_CHOICES, { error: oneOf(LANGUAGE_CHOICES) }),
    builtin: 'system',
    example: 'de',
  }),
} as const;
