import { EXIT_OK, EXIT_USAGE, type Command } from './command.js';

/** `balises help [COMMAND]`: the command list, or one command's usage. */
export const helpCommand: Command = {
  summary: 'show this help, or a command’s options',
  usage: 'help [COMMAND]',
  async run(args, { io, commands }) {
    const name = args[0];
    if (name !== undefined) {
      const command = commands[name];
      if (!command) {
        io.stderr.write(`balises help: unknown command "${name}"\n${overview(commands)}`);
        return EXIT_USAGE;
      }
      io.stdout.write(`usage: balises ${command.usage}\n\n${command.summary}\n`);
      return EXIT_OK;
    }
    io.stdout.write(overview(commands));
    return EXIT_OK;
  },
};

/** The list of commands with their one-line summaries. */
export function overview(commands: Readonly<Record<string, Command>>): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Balises: answers questions on AI governance rules from the official documents, with citations.',
    '',
    'usage: balises COMMAND [ARGS]',
    '',
    'commands:',
    ...rows,
    '',
    'Run "balises help COMMAND" for a command’s options.',
    '',
  ].join('\n');
}
