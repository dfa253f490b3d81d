/** The text of `--help`, from a command's own definition: it cannot drift from what is parsed. */
import { commonFlags, type Command, type Flags } from './command.ts';
import { exitCodeHelp } from './exit-codes.ts';

export const programName = 'checkout-apis';

function flagLabel(name: string, flag: Flags[string]): string {
  const short = flag.short ? `-${flag.short}, ` : '';
  const value = flag.type === 'string' ? ` ${flag.value ?? '<value>'}` : '';
  return `${short}--${name}${value}`;
}

function flagLines(flags: Flags): string[] {
  const rows = Object.entries(flags).map(([name, flag]) => {
    const extras = [flag.multiple ? 'repeatable' : '', flag.default !== undefined ? `default ${flag.default}` : ''].filter(Boolean);
    return [flagLabel(name, flag), `${flag.description}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}`] as const;
  });
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, text]) => `  ${label.padEnd(width)}  ${text}`);
}

export function commandHelp(command: Command, summary?: string): string {
  const synopsis = [command.program ?? `${programName} ${command.name}`, '[options]', command.positionals?.synopsis]
    .filter(Boolean)
    .join(' ');
  return [
    `usage: ${synopsis}`,
    ...(summary ? ['', summary] : []),
    '',
    'options:',
    ...flagLines({ ...command.flags, ...commonFlags }),
    ...(command.notes ? ['', command.notes] : []),
    '',
    exitCodeHelp,
  ].join('\n');
}

export function programHelp(commands: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...commands.map(([name]) => name.length));
  return [
    `usage: ${programName} <command> [options]`,
    '',
    'commands:',
    ...commands.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    'options:',
    ...flagLines(commonFlags),
    '',
    `${programName} <command> --help lists the flags of a command.`,
    exitCodeHelp,
  ].join('\n');
}
