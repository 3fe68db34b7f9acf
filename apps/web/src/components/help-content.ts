import { useTranslation } from 'react-i18next';
import { helpEn } from '../locales/help.en';
import { type HelpContent, helpSv } from '../locales/help.sv';

/** The public pages' texts (locales/help.*.ts) in the language the user has chosen. */
export function useHelpContent(): HelpContent {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? helpEn : helpSv;
}

/** The public pages, in the order the footer lists them. */
export const HELP_PAGES = [
  { path: '/hjalp', page: 'howItWorks' },
  { path: '/kontakt', page: 'contact' },
  { path: '/tillganglighet', page: 'accessibility' },
  { path: '/personuppgifter', page: 'privacy' },
] as const;

export type HelpPageName = (typeof HELP_PAGES)[number]['page'];
