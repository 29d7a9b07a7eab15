// `chargebench commission`: the commissioning plan against a newly installed charger, headless: identity
// and clock, connectors, the configuration baseline of a template, the card reader, the offline policy, a
// test session with its meter values checked, unlock, availability and reset. Exit status 1 when a step fails.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { commissioningPlan } from '../commissioning/plan';
import { defaultTestData } from '../conformance/test-data';
import { builtInTemplates, CommissioningTemplate } from '../../shared/api/commissioning';
import { chargerRunOptions, runOnCharger } from './run-on-charger';
import { int } from './options';

export function registerCommissionCommand(program: Command): void {
  chargerRunOptions(program.command('commission').description('Commission a newly installed charger: a guided check that ends in a handover report'), 'commission')
    .option(
      '--template <file|name>',
      `the configuration baseline and site policy: a JSON file, or a built-in one (${builtInTemplates.map((t) => `"${t.name}"`).join(', ')})`,
      builtInTemplates[0]!.name,
    )
    .option('--session-seconds <s>', 'how long the test session delivers meter values (default: the template, 300)', int('--session-seconds', 10, 3600))
    .option('--site <name>', 'the site (name and address)')
    .option('--location <where>', 'where the charger is on the site (e.g. parking bay 4)')
    .option('--installer <name>', 'the installer and company')
    .option('--customer <name>', 'the customer')
    .option('--bundle <file>', 'write the diagnostic bundle (zip): the report, every frame, the configuration before and after, the identity')
    .option('--list-templates', 'print the built-in templates as JSON and exit')
    .action(async (opts) => {
      if (opts.listTemplates) {
        console.log(JSON.stringify(builtInTemplates, null, 2));
        return;
      }
      let template: CommissioningTemplate;
      try {
        const builtIn = builtInTemplates.find((t) => t.name === opts.template);
        template = builtIn ?? CommissioningTemplate.parse(JSON.parse(readFileSync(resolve(opts.template), 'utf8')));
        if (opts.sessionSeconds) template = { ...template, sessionSeconds: opts.sessionSeconds };
      } catch (e) {
        console.error(`chargebench commission: --template ${opts.template}: ${(e as Error).message}`);
        process.exit(2);
      }
      const job: Record<string, string> = { Template: template.name };
      for (const [label, value] of [
        ['Site', opts.site],
        ['Location', opts.location],
        ['Installer', opts.installer],
        ['Customer', opts.customer],
      ] as const)
        if (value) job[label] = value;
      process.exit(
        await runOnCharger({
          command: 'commission',
          opts,
          cases: commissioningPlan(template),
          data: defaultTestData(),
          title: 'Commissioning report',
          bundle: opts.bundle,
          decorate: (run) => (run.job = job),
        }),
      );
    });
}
