// The chargebench command line: `serve` runs the bench headless with the automation API; `vcp` runs
// virtual charge points against any central system; `test` runs the OCTT 1.6 cases against a charger.
import { Command } from 'commander';
import { version } from '../version';
import { registerServeCommand } from './serve';
import { registerVcpCommand } from './vcp';
import { registerTestCommand } from './test';
import { registerCommissionCommand } from './commission';

const program = new Command();
program.name('chargebench').description('Commissioning and test bench for EV chargers over OCPP 1.6J').version(version);
registerServeCommand(program);
registerVcpCommand(program);
registerTestCommand(program);
registerCommissionCommand(program);

await program.parseAsync(process.argv);
