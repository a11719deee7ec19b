// i18next with the French catalog first; the chosen language is remembered, sets <html lang>,
// zod's messages and the Accept-Language the server answers in.
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { z } from 'zod';
import { type Language, languages } from '../../domain/messages.ts';
import { setApiLanguage } from '../api.ts';
import { en } from './en.ts';
import { type Catalog, fr } from './fr.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalog };
  }
}

const storageKey = 'commune.language';

const isLanguage = (value: unknown): value is Language => languages.includes(value as Language);

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(storageKey);
    if (isLanguage(stored)) return stored;
  } catch {}
  // French first: English only when the browser prefers it.
  return /^en\b/i.test(navigator.language ?? '') ? 'en' : 'fr';
}

function apply(lang: Language) {
  document.documentElement.lang = lang;
  z.config(lang === 'fr' ? z.locales.fr() : z.locales.en());
  setApiLanguage(lang);
}

export async function setupI18n() {
  const lng = initialLanguage();
  apply(lng);
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'fr',
    supportedLngs: [...languages],
    resources: { fr: { translation: fr }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  i18next.on('languageChanged', (next) => {
    const lang = isLanguage(next) ? next : 'fr';
    apply(lang);
    try {
      localStorage.setItem(storageKey, lang);
    } catch {}
  });
  return i18next;
}

/** The current UI language, as the domain's messages and formatters expect it. */
export const currentLanguage = (): Language => (isLanguage(i18next.language) ? i18next.language : 'fr');

/** `useTranslation` plus the current language, typed. */
export function useT() {
  const { t, i18n } = useTranslation();
  const lang: Language = isLanguage(i18n.language) ? i18n.language : 'fr';
  return { t, lang, i18n };
}
