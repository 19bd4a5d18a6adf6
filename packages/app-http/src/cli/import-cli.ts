import type { Actor } from '@ccpor/domain';
import type { Command } from 'commander';
import type { AppServices } from '../composition/services';
import type { Config } from '../config/config';
import { addHistoryImportCommand } from './import-history-cli';
import { addScanImportCommand } from './import-scans-cli';

type WithServices = <T>(fn: (s: AppServices, c: Config) => Promise<T>) => Promise<T>;

/** `ccpor import scans|history`: the two ways older paper and older systems come into the registry (ADR 0023). */
export const addImportCommands = (program: Command, config: () => Config, withServices: WithServices, actor: () => Actor): void => {
  const imports = program.command('import').description('Import scanned order images and historical orders');
  const print = (s: string) => {
    process.stdout.write(`${s}\n`);
  };
  addScanImportCommand(imports, withServices, actor, print);
  addHistoryImportCommand(imports, config, actor, print);
};
