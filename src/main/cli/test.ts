// `chargebench test`: OCTT 1.6 charge-point test cases against a charger, headless. Against a real
// charger (--charger) the bench waits for it to connect and asks the person at it on the terminal;
// against a built-in virtual charger (--virtual) every step is automatic and timed waits take no time.
// The run is kept in the bench record's run history, as one started from the UI. Exit status 1 when any
// case fails or errs, 2 for a usage error (an unknown case, --cases or --profiles given empty, no case left
// to run or none that can run yet, options that do not go together, a report's folder that is not there,
// test data that is not valid: named on one line, the field as the API names it), 3 when a report could
// not be written, 4 when the charger did not connect within --connect-timeout, 5 when nothing was
// concluded (no case failed or erred but none passed; with --strict, a case inconclusive; without a
// terminal, a case that needed a person), 130 (143, 129) when stopped by Ctrl-C (SIGTERM, SIGHUP).
import { Command, Option } from 'commander';
import { octt16Cases, findCases } from '../conformance/octt16';
import { TestData } from '../conformance/test-data';
import { featureProfiles } from '../../shared/ocpp16';
import { chargerRunOptions, runOnCharger, testOutputs, usageConflict } from './run-on-charger';
import { checkOutputs } from './outputs';
import { jsonFileOption, listItems } from './options';
import { hearEarly } from './interrupt';

/** The exit statuses, as `chargebench test --help` ends (README, Exit status). */
const EXIT_STATUS_HELP = `
Exit status:
  0    the run finished: no case failed or erred, and a case passed (with --strict: and none was inconclusive)
  1    a case failed or erred, or the bench could not run
  2    a usage error; nothing was run
  3    a report asked for could not be written (the others were)
  4    the charger did not connect within --connect-timeout; nothing was run
  5    nothing concluded: no case failed or erred, but none passed (every case run was inconclusive
       or did not apply); with --strict, also when any case was inconclusive; without a terminal
       (stdin not a TTY), also when a case needed a person at the charger
  130  stopped by Ctrl-C (143: by SIGTERM; 129: by SIGHUP, the terminal closed)
When several apply: 130, 143 or 129 first, then 3, then 1, then 5.`;

export function registerTestCommand(program: Command): void {
  chargerRunOptions(program.command('test').description('Run the OCTT 1.6 charge-point test cases against a charger (the bench plays the central system)'), 'test')
    .option('--cases <ids>', 'comma-separated case ids, e.g. TC_003_CS,TC_010_CS (default: every case)')
    .addOption(new Option('--profile <profile>', 'only the cases of one feature profile').choices([...featureProfiles, 'Security']))
    .option('--data <file>', 'test data (JSON): idTags, connector, durations, locations (see the README)')
    .option('--junit <file>', 'write the result as JUnit XML')
    .option('--evidence <file>', 'write the evidence pack (zip): reports, every frame, configuration, test data, SHA-256 manifest')
    .option('--strict', 'exit 5 when any case is inconclusive and none failed or erred (without it: only when no case passed)')
    .option('--list', 'list the cases (those --cases and --profile choose) and exit')
    .addHelpText('after', EXIT_STATUS_HELP)
    .action(async (opts, command: Command) => {
      // A signal from here on is heard, while the bench starts too (before the run's own Interrupt is made).
      if (!opts.list) hearEarly('test');
      const usage = (message: string): never => {
        console.error(`chargebench test: ${message}`);
        process.exit(2);
      };
      const conflict = usageConflict(command);
      if (conflict) usage(conflict);
      let cases = octt16Cases;
      try {
        // Given empty (a job's `--cases "$CASES"` with the variable unset) is a usage error, not every case.
        if (opts.cases !== undefined) cases = findCases(listItems('--cases', opts.cases, 'test case', 'case ids, comma-separated (e.g. TC_003_CS,TC_010_CS)', 'to run every case'));
        if (opts.profile) cases = cases.filter((c) => c.profile === opts.profile);
      } catch (e) {
        usage((e as Error).message);
      }
      const choice = [opts.cases !== undefined && `--cases ${opts.cases}`, opts.profile && `--profile ${opts.profile}`].filter(Boolean).join(' and ');
      if (cases.length === 0) usage(`no test case is left to run under ${choice}`);
      if (opts.list) {
        for (const c of cases) console.log(`${c.id.padEnd(12)} ${c.profile.padEnd(24)} ${c.title}${c.notSupported ? ' (not supported yet)' : ''}`);
        return;
      }
      if (cases.every((c) => c.notSupported))
        usage(
          `none of the cases ${choice ? `under ${choice} ` : ''}can run yet: ${cases.length === 1 ? `${cases[0]!.id}: ${cases[0]!.notSupported}` : `${cases.map((c) => c.id).join(', ')} are not supported yet (they need TLS or certificate operations)`}`,
        );
      const unwritable = checkOutputs(testOutputs(opts));
      if (unwritable) usage(unwritable);
      const data = opts.data ? jsonFileOption('test', '--data', opts.data, TestData) : TestData.parse({});
      process.exit(await runOnCharger({ command: 'test', opts, cases, data, junit: opts.junit, bundle: opts.evidence }));
    });
}
