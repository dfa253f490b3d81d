/** The one table printer: Markdown, so the same text reads in a terminal and pastes into the README. */
import { formatValue, type Figure } from './figures.ts';

const escapeCell = (text: string): string => text.replaceAll('|', '\\|');

export function renderTable(figures: readonly Figure[]): string {
  const header = ['Part', 'Figure', 'Value', 'Budget', 'Verdict', 'Detail'];
  const rows = figures.map((f) => [f.section, f.name, formatValue(f.value, f.unit), f.budget?.text ?? '', f.status ?? '', f.detail ?? '']);
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.map(escapeCell).join(' | ')} |`).join('\n');
}
