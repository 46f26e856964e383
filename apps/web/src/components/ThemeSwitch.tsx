import { THEMES, useTheme, type Theme } from '../theme.js';

const LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Three radio buttons styled as one segmented control: arrow keys move between them. */
export function ThemeSwitch() {
  const [theme, setTheme] = useTheme();
  return (
    <fieldset className="theme-switch">
      <legend className="visually-hidden">Colour theme</legend>
      {THEMES.map((option) => (
        <label key={option} className="theme-switch__option">
          <input type="radio" name="theme" value={option} checked={theme === option} onChange={() => setTheme(option)} />
          <span>{LABELS[option]}</span>
        </label>
      ))}
    </fieldset>
  );
}
