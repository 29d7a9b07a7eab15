// The chargebench command line: `serve` runs the bench headless with the automation API; `vcp` runs
// virtual charge points against any central system; `test` runs the OCTT 1.6 cases against a charger.
// Exit status (README): 0 done, 1 a case or step failed or erred (or the bench could not run), 2 a usage
// error, 3 a report not written, 4 the charger did not connect, 5 (test) nothing concluded: no case failed
// or erred but none passed (--strict: a case inconclusive), 130/143/129 stopped by Ctrl-C/SIGTERM/SIGHUP.
// Commander's own usage errors (an unknown option or command, an option's argument missing or invalid, a
// choice not offered) would exit 1, which a CI reads as a failed charger: they exit 2 here, on one line
// that names the command, like the commands' own checks.
import { Command, CommanderError } from 'commander';
import { version } from '../version';
import { registerServeCommand } from './serve';
import { registerVcpCommand } from './vcp';
import { registerTestCommand } from './test';
import { registerCommissionCommand } from './commission';

const program = new Command();
// The command the words are for: the program, until commander hands over to a subcommand.
let said = 'chargebench';
/** Commander's "error: unknown option '--bogus'\n(Did you mean --virtual?)" on one line, without "error: ". */
const oneLine = (text: string) =>
  text
    .replace(/^error: /, '')
    .trim()
    .replace(/\s*\n\s*/g, ' ');
// Set before the subcommands are made: each inherits the output and the exit handling.
program
  .name('chargebench')
  .description('Commissioning and test bench for EV chargers over OCPP 1.6J')
  .version(version)
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`${said}: ${oneLine(text)}\n`) })
  .hook('preSubcommand', (_program, command) => {
    said = `chargebench ${command.name()}`;
  });
registerServeCommand(program);
registerVcpCommand(program);
registerTestCommand(program);
registerCommissionCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (!(e instanceof CommanderError)) throw e;
  // --help and --version are 0; everything else commander refuses (no command given included) is a usage error.
  process.exitCode = e.exitCode === 0 ? 0 : 2;
}
