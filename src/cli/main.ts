import { Command, Option } from 'commander';
import { serveCommand } from './serve.ts';
import { migrateCommand, tenantCreateCommand, demoCommand, runDueCommand } from './commands.ts';
import { reportCliError } from './output.ts';
import { importUsageCommand } from './import-usage.ts';
import { apiKeyCreateCommand } from './api-key.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { usageImportsCommand } from './usage-imports.ts';
import { importPaymentsCommand } from './import-payments.ts';
import { exportAccountingCommand } from './export-accounting.ts';

const program = new Command('tollbook')
  .description('Tollbook: invoicing engine for telecom, VoIP and ISP operators')
  .option(
    '--data-dir <dir>',
    'embedded database directory (used when DATABASE_URL is not set)',
    process.env.TOLLBOOK_DATA_DIR ?? './data',
  )
  .showHelpAfterError();

program
  .command('serve')
  .description('serve the API, docs and workers')
  .option('--port <port>', 'port to listen on', process.env.PORT ?? '3000')
  .option('--host <host>', 'address to bind', process.env.HOST ?? '127.0.0.1')
  .addOption(new Option('--role <role>', 'which parts to run').choices(['all', 'api', 'worker']).default('all'))
  .action((opts) => serveCommand({ ...program.opts(), ...opts }));

program
  .command('migrate')
  .description('apply database migrations')
  .action(() => migrateCommand(program.opts()));

program
  .command('tenant')
  .description('manage tenants (operators)')
  .command('create')
  .description('create a tenant and print its first admin API key')
  .requiredOption('--name <name>', 'operator or brand name')
  .requiredOption('--timezone <tz>', 'IANA time zone, e.g. Europe/Madrid')
  .requiredOption('--currency <code>', 'ISO 4217 default currency, e.g. EUR')
  .option('--locale <locale>', 'en or ru', 'en')
  .option('--json', 'print {"tenantId","apiKey"} as JSON')
  .action((opts) => tenantCreateCommand({ ...program.opts(), ...opts }));

program
  .command('api-key')
  .description('manage API keys')
  .command('create')
  .description('create an API key for an existing tenant and print it (the way back in after losing the admin keys)')
  .requiredOption('--tenant <id>', 'tenant id (ten_…)')
  .addOption(
    new Option('--role <role>', 'what the key may do').choices(['admin', 'accountant', 'viewer']).makeOptionMandatory(),
  )
  .option('--name <name>', 'a name to recognise the key by')
  .option('--json', 'print {"id","tenantId","role","apiKey"} as JSON')
  .action((opts) => apiKeyCreateCommand({ ...program.opts(), ...opts }));

program
  .command('usage-imports')
  .description('list the latest usage imports with their status (a killed CLI import shows as interrupted)')
  .option('--tenant <id>', 'tenant (required when there are several)')
  .option('--limit <n>', 'how many, newest first', '20')
  .option('--json', 'print the imports as a JSON array')
  .action((opts) => usageImportsCommand({ ...program.opts(), ...opts }));

program
  .command('backup')
  .description('write a backup of the embedded database to FILE (stop the server first; on PostgreSQL use pg_dump)')
  .argument('<file>', 'the backup file to write (a gzipped tar)')
  .option('--json', 'print {"file","bytes"} as JSON')
  .action((file, opts) => backupCommand(file, { ...program.opts(), ...opts }));

program
  .command('restore')
  .description('restore the embedded database from a backup FILE into --data-dir (stop the server first)')
  .argument('<file>', 'a file written by tollbook backup')
  .option('--force', 'replace a database already in --data-dir (it is moved aside, not deleted)')
  .action((file, opts) => restoreCommand(file, { ...program.opts(), ...opts }));

program
  .command('demo')
  .description('load a realistic demo operator (customers, rate plans, usage, invoices) and print an API key')
  .option('--serve', 'start the server afterwards')
  .option('--port <port>', 'port for --serve', process.env.PORT ?? '3000')
  .option('--host <host>', 'address for --serve', process.env.HOST ?? '127.0.0.1')
  .option('--json', 'print the result as JSON')
  .action((opts) => demoCommand({ ...program.opts(), ...opts }));

program
  .command('run-due')
  .description(
    'run the scheduled tasks registered in this release as of a time (periodic generation from the tenant ' +
      'schedules, bill runs of the bill groups, overdue marking, the email send queue; the list is printed), then ' +
      'every queued job that is ready (document rendering, usage imports, emails, webhooks, bulk actions, ' +
      'generation sessions)',
  )
  .option('--as-of <time>', 'ISO instant to run as of (default: now)')
  .option('--json', 'print the result as JSON')
  .action((opts) => runDueCommand({ ...program.opts(), ...opts }));

program
  .command('import-usage')
  .description(
    'import usage records (CDRs) from a CSV file, an Asterisk Master.csv or FreeSWITCH CDRs (cdr_csv or XML); classified by the source rules; resumable, shows progress',
  )
  .argument('<file>', 'the file to import')
  .addOption(
    new Option('--format <format>', 'file format')
      .choices(['csv', 'asterisk', 'freeswitch-csv', 'freeswitch-xml'])
      .makeOptionMandatory(),
  )
  .option('--source <name>', 'source name (external ids are unique per source); default: the format')
  .option('--timezone <tz>', "zone of the file's local times (Asterisk, FreeSWITCH); default: the tenant's")
  .option('--mapping <json>', 'CSV columns per usage field, e.g. {"externalId":"id","callee":"dst"}')
  .option('--encoding <name>', 'file encoding, e.g. windows-1252 (default utf-8)')
  .option('--tenant <id>', 'tenant to import into (required when there are several)')
  .option('--resume <importId>', 'continue an interrupted or failed import with the same file (checked by SHA-256)')
  .option('--batch-size <rows>', 'rows per transaction (default 5000)')
  .option('--max-rejected <rows>', 'stop, and exit 1, once more rows than this are rejected (default: no limit)')
  .option('--json', 'print the summary as JSON')
  .action((file, opts) => importUsageCommand(file, { ...program.opts(), ...opts }));

program
  .command('import-payments')
  .description(
    'import a bank statement (CSV with a column mapping, or ISO 20022 camt.053) as payments; matched rows are allocated, unknown payers kept unmatched; shows progress',
  )
  .argument('<file>', 'the statement to import')
  .addOption(new Option('--format <format>', 'file format').choices(['csv', 'camt053']).makeOptionMandatory())
  .option(
    '--mapping <json>',
    'CSV columns per payment field, e.g. {"externalId":"Bank ref","amount":"Credit","date":"Booked"}',
  )
  .option('--source <name>', 'bank references are unique per source; default csv, or camt053:<account IBAN>')
  .option('--tenant <id>', 'tenant to import into (required when there are several)')
  .option('--json', 'print the report as JSON')
  .action((file, opts) => importPaymentsCommand(file, { ...program.opts(), ...opts }));

program
  .command('export-accounting')
  .description(
    'write the accounting export of a period (issued documents and received payments) for 1C (CommerceML 2.10) or as CSV; the same file as GET /exports/accounting',
  )
  .requiredOption('--from <date>', 'first day, YYYY-MM-DD')
  .requiredOption('--to <date>', 'last day, YYYY-MM-DD (inclusive)')
  .option('--format <format>', 'commerceml or csv', 'commerceml')
  .requiredOption('--out <file>', 'the file to write')
  .option('--tenant <id>', 'the tenant (required when the database has several)')
  .action((opts) => exportAccountingCommand({ ...program.opts(), ...opts }));

// A failure ends the process: nothing started before it (workers, timers) may keep it alive.
const fail = (error: unknown) => {
  reportCliError(error);
  process.exit(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
program.parseAsync(process.argv).catch(fail);
