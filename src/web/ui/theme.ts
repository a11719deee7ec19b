// A calm look: Mantine defaults with a deep teal primary colour chosen for WCAG AA contrast
// (white on shade 7 is 5.6:1; light badges put shade 9 on shade 1, 7.8:1).
import { type CSSVariablesResolver, createTheme, type MantineColorsTuple } from '@mantine/core';

const commune: MantineColorsTuple = [
  '#e6f4f2',
  '#d0eae6',
  '#a3d5cc',
  '#72bfb1',
  '#4aab9b',
  '#2f9a89',
  '#1a8a79',
  '#0d7565',
  '#0a6256',
  '#074c43',
];

export const theme = createTheme({
  primaryColor: 'commune',
  primaryShade: { light: 7, dark: 5 },
  colors: { commune },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // The asterisk of required fields is drawn by CSS (global.css), so it is not part of the
    // label's text: `getByLabel('Nom', { exact: true })` finds the field.
    InputWrapper: { defaultProps: { withAsterisk: false } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm', comboboxProps: { withinPortal: true } } },
    // Short labels are never cut ("SOCIÉTAI…"): the badge keeps its width in tight cells.
    Badge: {
      defaultProps: { variant: 'light' },
      styles: { root: { maxWidth: 'none', flexShrink: 0 }, label: { overflow: 'visible' } },
    },
  },
});

/** Darker greys than the defaults so secondary text, placeholders and errors stay readable (≥ 4.5:1). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-placeholder': '#6b737b',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
