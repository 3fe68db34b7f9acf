import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { ApiError } from '../common/api-error';
import type { AppConfig } from '../config/app-config';
import {
  type IssuedAdministratorInvitation,
  OrganisationOnboarding,
} from '../organisations/organisation-onboarding';
import { AdminModule } from './admin.module';

// The platform operator's command (`npm run admin -- <command> ...`): creates organisations
// and invites their first administrator; everything after that is the organisation's own
// self-service. The core is this function, so tests run exactly what the command runs.

export const ADMIN_USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-organisation   Registers an organisation and invites its first administrator
      --kind <kind>                 EMPLOYER, CARE_UNIT, OCCUPATIONAL_HEALTH, FK or AF
      --name <name>                 e.g. "Solbacka kommun"
      --organisationsnummer <nr>    required for EMPLOYER (NNNNNN-NNNN)
      --hsa-id <id>                 required for CARE_UNIT (e.g. SE2321000016-ABCD)
      --admin-email <e-mail>        the first administrator (ORG_ADMIN)
      --admin-name <name>
  invite-admin          Invites an administrator to an existing organisation
      --organisation-id <uuid>
      --admin-email <e-mail>
      --admin-name <name>
  list-organisations    Lists every organisation with its id and number of members

The invitation is e-mailed (its link works once, for 7 days); the link is also printed for
the operator to hand over. Connects with DATABASE_URL (else the embedded database of
\`npm start\`). Exit code 0 on success, 1 for a refused request, 2 when it could not run.`;

export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/** The command-line flag each checked field comes from, for one-line errors. */
const FLAG_OF: Readonly<Record<string, string>> = {
  kind: '--kind',
  name: '--name',
  organisationsnummer: '--organisationsnummer',
  hsaId: '--hsa-id',
  adminEmail: '--admin-email',
  adminName: '--admin-name',
  email: '--admin-email',
  organisationId: '--organisation-id',
};

const OPTIONS = {
  kind: { type: 'string' },
  name: { type: 'string' },
  organisationsnummer: { type: 'string' },
  'hsa-id': { type: 'string' },
  'admin-email': { type: 'string' },
  'admin-name': { type: 'string' },
  'organisation-id': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Options = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

class UsageError extends Error {}

function required(values: Options, name: keyof Options): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError(`--${name} is required`);
  }
  return value;
}

/** Runs one operator command against the configured database; resolves to the exit code. */
export async function runAdminCommand(
  argv: readonly string[],
  config: AppConfig,
  output: CommandOutput,
): Promise<number> {
  let command: string | undefined;
  let values: Options;
  try {
    const parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
    values = parsed.values;
    command = parsed.positionals[0];
    if (parsed.positionals.length > 1) {
      throw new UsageError(`unexpected argument "${parsed.positionals[1] ?? ''}"`);
    }
  } catch (error: unknown) {
    output.err(`admin: ${error instanceof Error ? error.message : String(error)}`);
    output.err(ADMIN_USAGE);
    return 1;
  }
  if (values.help === true || command === undefined || command === 'help') {
    output.out(ADMIN_USAGE);
    return command === undefined && values.help !== true ? 1 : 0;
  }
  const app = await NestFactory.createApplicationContext(AdminModule.forRoot(config), {
    logger: ['error'],
    abortOnError: false,
  });
  try {
    const onboarding = app.get(OrganisationOnboarding);
    switch (command) {
      case 'create-organisation': {
        const issued = await onboarding.createWithAdministrator(
          {
            kind: required(values, 'kind'),
            name: required(values, 'name'),
            organisationsnummer: values.organisationsnummer ?? null,
            hsaId: values['hsa-id'] ?? null,
          },
          { email: required(values, 'admin-email'), name: required(values, 'admin-name') },
        );
        printInvitation(output, issued, 'Created');
        return 0;
      }
      case 'invite-admin': {
        const issued = await onboarding.inviteAdministrator(required(values, 'organisation-id'), {
          email: required(values, 'admin-email'),
          name: required(values, 'admin-name'),
        });
        printInvitation(output, issued, 'Invited an administrator to');
        return 0;
      }
      case 'list-organisations': {
        const organisations = await onboarding.list();
        for (const row of organisations) {
          const number = row.organisationsnummer ?? row.hsaId ?? '-';
          output.out(
            `${row.id}  ${row.kind.padEnd(19)} ${number.padEnd(17)} ${String(row.members).padStart(4)} member(s)  ${row.name}`,
          );
        }
        output.out(`${organisations.length} organisation(s)`);
        return 0;
      }
      default:
        output.err(`admin: unknown command "${command}"`);
        output.err(ADMIN_USAGE);
        return 1;
    }
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      output.err(`admin: ${error.message}`);
      return 1;
    }
    if (error instanceof ApiError) {
      output.err(`admin: ${describeRefusal(error)}`);
      return 1;
    }
    output.err(
      `admin: failed: ${lastLine(error instanceof Error ? error.message : String(error))}`,
    );
    return 2;
  } finally {
    await app.close();
  }
}

function printInvitation(
  output: CommandOutput,
  issued: IssuedAdministratorInvitation,
  verb: string,
): void {
  const { organisation } = issued;
  const number = organisation.organisationsnummer ?? organisation.hsaId;
  output.out(`${verb} ${organisation.name} (${organisation.kind}${number ? `, ${number}` : ''})`);
  output.out(`Organisation id: ${organisation.id}`);
  output.out(
    `An invitation to be its administrator (ORG_ADMIN) was e-mailed; the link works once, until ${issued.expiresAt.toISOString()}:`,
  );
  output.out(`Invitation link: ${issued.link}`);
}

/** Prisma's messages quote the calling code first; the cause is their last line. */
function lastLine(message: string): string {
  return (
    message
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .at(-1) ?? message
  );
}

/** One line naming the flag at fault, e.g. "--organisationsnummer has a wrong check digit". */
function describeRefusal(error: ApiError): string {
  const field = error.extras.errors?.[0];
  if (field) {
    return `${FLAG_OF[field.path] ?? field.path} ${field.message}`;
  }
  if (error.code === 'ORGANISATION_NOT_FOUND') {
    return '--organisation-id names no organisation';
  }
  return error.detail;
}
