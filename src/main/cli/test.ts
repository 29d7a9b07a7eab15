// `chargebench test`: OCTT 1.6 charge-point test cases against a charger, headless. Against a real
// charger (--charger) the bench waits for it to connect and asks the person at it on the terminal;
// against a built-in virtual charger (--virtual) every step is automatic and timed waits take no time.
// The run is kept in the bench record's run history, as one started from the UI. Exit status 1 when any
// case fails or errs.
import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { octt16Cases, findCases } from '../conformance/octt16';
import { TestData } from '../conformance/test-data';
import { featureProfiles } from '../../shared/ocpp16';
import { chargerRunOptions, runOnCharger } from './run-on-charger';

export function registerTestCommand(program: Command): void {
  chargerRunOptions(program.command('test').description('Run the OCTT 1.6 charge-point test cases against a charger (the bench plays the central system)'), 'test')
    .option('--cases <ids>', 'comma-separated case ids, e.g. TC_003_CS,TC_010_CS (default: every case)')
    .addOption(new Option('--profile <profile>', 'only the cases of one feature profile').choices([...featureProfiles, 'Security']))
    .option('--data <file>', 'test data (JSON): idTags, connector, durations, locations (see the README)')
    .option('--junit <file>', 'write the result as JUnit XML')
    .option('--evidence <file>', 'write the evidence pack (zip): reports, every frame, configuration, test data, SHA-256 manifest')
    .option('--list', 'list the cases and exit')
    .action(async (opts) => {
      let cases = octt16Cases;
      try {
        if (opts.cases)
          cases = findCases(
            String(opts.cases)
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          );
        if (opts.profile) cases = cases.filter((c) => c.profile === opts.profile);
      } catch (e) {
        console.error(`chargebench test: ${(e as Error).message}`);
        process.exit(2);
      }
      if (opts.list) {
        for (const c of octt16Cases) console.log(`${c.id.padEnd(12)} ${c.profile.padEnd(24)} ${c.title}${c.notSupported ? ' (not supported yet)' : ''}`);
        return;
      }
      let data: TestData;
      try {
        data = TestData.parse(opts.data ? JSON.parse(readFileSync(resolve(opts.data), 'utf8')) : {});
      } catch (e) {
        console.error(`chargebench test: --data ${opts.data}: ${(e as Error).message}`);
        process.exit(2);
      }
      process.exit(await runOnCharger({ command: 'test', opts, cases, data, junit: opts.junit, bundle: opts.evidence }));
    });
}
