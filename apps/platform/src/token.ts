/**
 * `npm run token -- <user>`: a bearer token for a demo user from the development issuer (the key in
 * `<SPN_DATA_DIR>/dev-issuer`, made on first use), printed alone on stdout so a shell can capture it.
 * `npm run token` lists the users. Refuses production configuration.
 */
import { demoUser, DEMO_USERS, openDevIssuer } from '@spn/auth';
import { join } from 'node:path';

async function main(): Promise<number> {
  const [username, ...rest] = process.argv.slice(2);
  const user = username ? demoUser(username) : undefined;
  if (!user || rest.length > 0) {
    const list = DEMO_USERS.map(
      (u) => `  ${u.username.padEnd(20)} ${u.roles.join(', ').padEnd(16)} ${u.organizationId}`,
    );
    console.error(
      `${username ? `Unknown demo user: ${username}\n` : ''}Usage: npm run token -- <user>\n\nDemo users:\n${list.join('\n')}`,
    );
    return username ? 2 : 0;
  }
  const dir = process.env['AUTH_DEV_ISSUER_DIR'] ?? join(process.env['SPN_DATA_DIR'] ?? 'data', 'dev-issuer');
  const issuer = await openDevIssuer(dir);
  console.log(await issuer.mint(user));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
