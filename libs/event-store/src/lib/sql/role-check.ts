import { UnsafeDatabaseRoleError } from '../errors';
import type { SqlQueryable } from './sql-client';

interface RoleRow {
  [column: string]: unknown;
  role: string;
  rolsuper: boolean;
  rolbypassrls: boolean;
  rolcreaterole: boolean;
  becomes_superuser: boolean;
  becomes_owner: boolean;
}

/**
 * Refuses a login role that could get round the append-only log: a superuser, a role that bypasses
 * row security or creates roles (it could grant itself more), or one that can SET ROLE to a superuser
 * or to the owner of the log's tables (the owner can drop the trigger). The login (session) role is
 * what counts: SET ROLE reaches whatever it is a member of.
 */
export async function assertRestrictedRole(sql: SqlQueryable, useRole: string): Promise<void> {
  const [row] = await sql.query<RoleRow>(
    `SELECT r.rolname AS role, r.rolsuper, r.rolbypassrls, r.rolcreaterole,
            EXISTS (SELECT 1 FROM pg_roles s
                    WHERE s.rolsuper AND s.oid <> r.oid AND pg_has_role(r.oid, s.oid, 'MEMBER')) AS becomes_superuser,
            EXISTS (SELECT 1 FROM pg_class c
                    WHERE c.oid IN (to_regclass('events'), to_regclass('seals'), to_regclass('streams'))
                      AND pg_has_role(r.oid, c.relowner, 'MEMBER')) AS becomes_owner
     FROM pg_roles r WHERE r.rolname = session_user`,
  );
  if (!row) throw new UnsafeDatabaseRoleError('unknown', ['the session role is not in pg_roles'], useRole);
  const reasons = [
    row.rolsuper ? 'it is a superuser' : '',
    row.rolbypassrls ? 'it bypasses row security' : '',
    row.rolcreaterole ? 'it can create roles' : '',
    // A superuser is a member of every role: saying so again would only depend on the cluster's roles.
    row.becomes_superuser && !row.rolsuper ? 'it can SET ROLE to a superuser' : '',
    row.becomes_owner && !row.rolsuper ? "it owns the log's tables or can SET ROLE to their owner" : '',
  ].filter((reason) => reason !== '');
  if (reasons.length > 0) throw new UnsafeDatabaseRoleError(row.role, reasons, useRole);
}
