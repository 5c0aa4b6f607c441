export { i18n, applyLanguage } from './i18n';
export { pickLanguage, textDirection, SUPPORTED_LANGUAGES, LANGUAGE_NAMES, isSupportedLanguage, type SupportedLanguage } from './languages';
export {
  formatClock,
  formatDuration,
  formatTime,
  formatDate,
  formatDateTime,
  formatRelative,
  formatNumber,
  formatPercent,
  useLocale,
} from './format';
export { translateUserText, useUserText } from './user-text';
