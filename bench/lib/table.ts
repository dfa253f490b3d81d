/** The printed table: Markdown, so the same text reads in a terminal and pastes into the README. */
import { formatValue, type Figure } from './figures.ts';

const escape = (text: string): string => text.replaceAll('|', '\\|');

export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.section, f.name, formatValue(f.value, f.unit), f.budget?.text ?? '', f.status, f.detail ?? '']);
  const header = ['Part', 'Figure', 'Value', 'Budget', 'Verdict', 'Detail'];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.map(escape).join(' | ')} |`);
  const misses = figures.filter((f) => f.status === 'MISS');
  if (misses.length > 0) {
    lines.push('', 'What bounds each MISS:');
    for (const f of misses) lines.push(`- ${f.section} / ${f.name}: ${f.bound ?? 'not analysed'}`);
  }
  return lines.join('\n');
}
