import { pickLanguage, type SupportedLanguage } from '../../shared/text/language';
import { translate } from '../../shared/text/translate';
import type { UserText } from '../../shared/text/user-text';

/** The most language tags kept from what a page reports: a browser lists a handful. */
const MAX_REPORTED = 16;

/**
 * The language of the text main shows itself (OS notifications; the window translates its own).
 * It chooses as the window does (shared/text/language.ts): the agent's `language` setting or IT's,
 * else, for "system", the host's preferred languages: the OS's in Electron; in the web shell,
 * which runs on a server, the languages the agent's browser reports (`app.reportLanguages`).
 */
export class MainLanguage {
  private setting: () => string | null | undefined = () => null;
  private reported: readonly string[] = [];

  constructor(private readonly systemLanguages: () => readonly string[] = () => []) {}

  /** The effective `language` setting (system | en | de), read at each use so a change applies at once. */
  followSetting(setting: () => string | null | undefined): void {
    this.setting = setting;
  }

  /** The window's own preferred languages (the browser's `navigator.languages`). */
  reportPageLanguages(tags: readonly string[]): void {
    this.reported = tags.slice(0, MAX_REPORTED);
  }

  current(): SupportedLanguage {
    let system: readonly string[] = [];
    try {
      system = this.systemLanguages();
    } catch {
      // A host that cannot say: the page's languages, else English.
    }
    return pickLanguage(this.setting(), system.length > 0 ? system : this.reported);
  }

  /** `text` in the current language. */
  show(text: UserText): string {
    return translate(text, this.current());
  }
}
