import { userJson, type UserRole } from './model';
import { errors, readJsonObject, requireAdmin, requireScope, type ApiContext, type Reply } from './http';

/**
 * Zendesk Support API › Users › Create User and Delete User: what a test (or the optional live
 * suite, tests/live/) needs to add a caller and remove them again.
 *
 * Both are "Allowed For: Admins and agents in custom roles with permission to manage end users";
 * the emulator has no custom roles, so only admins may (the stricter reading).
 */

const ROLES: readonly UserRole[] = ['end-user', 'agent', 'admin'];
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

type Details = Record<string, { description: string; error: string }[]>;

/**
 * Users › Create User: `{"user": {...}}`, `name` mandatory (Users › JSON format). `external_id`
 * "has to be unique for each user under the same account" (Users › List Users, `external_id`), and
 * an email belongs to one user: either taken answers 422. A phone may be shared by several users
 * (JSON format, `shared_phone_number`), so it is not checked. Unknown keys are ignored.
 */
export async function createUser(ctx: ApiContext): Promise<Reply> {
  requireAdmin(ctx);
  requireScope(ctx, 'users', 'write');
  const body = await readJsonObject(ctx);
  const raw = body.user;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw errors.badRequestText('Bad Request: user must be an object');
  const input = raw as Record<string, unknown>;
  const details: Details = {};
  const fail = (field: string, description: string, error = 'InvalidValue'): void => {
    (details[field] ??= []).push({ description, error });
  };
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '') fail('name', 'Name: cannot be blank', 'BlankValue');
  const role = input.role ?? 'end-user';
  if (!ROLES.includes(role as UserRole)) fail('role', 'Role: is invalid');
  let email: string | null = null;
  if (input.email !== undefined && input.email !== null) {
    if (typeof input.email !== 'string' || !EMAIL.test(input.email)) fail('email', 'Email: is invalid');
    else if (ctx.state.findUserByEmail(input.email))
      fail('email', `Email: ${input.email} is already being used by another user`, 'DuplicateValue');
    else email = input.email.toLowerCase();
  }
  let phone: string | null = null;
  if (input.phone !== undefined && input.phone !== null) {
    if (typeof input.phone !== 'string' || !/\d/.test(input.phone)) fail('phone', 'Phone: is invalid');
    else phone = input.phone;
  }
  let externalId: string | null = null;
  if (input.external_id !== undefined && input.external_id !== null) {
    if (typeof input.external_id !== 'string' || input.external_id === '') fail('external_id', 'External: is invalid');
    else if ([...ctx.state.users.overlay.values()].some((u) => u.external_id === input.external_id))
      fail('external_id', 'External: has already been taken', 'DuplicateValue');
    else externalId = input.external_id;
  }
  let tags: string[] = [];
  if (input.tags !== undefined) {
    if (Array.isArray(input.tags) && input.tags.every((t) => typeof t === 'string' && t.trim() !== '')) tags = input.tags as string[];
    else fail('tags', 'Tags: is invalid');
  }
  let organizationId: number | null = null;
  if (input.organization_id !== undefined && input.organization_id !== null) {
    const id = input.organization_id;
    if (typeof id === 'number' && Number.isInteger(id) && ctx.state.getOrganization(id)) organizationId = id;
    else fail('organization_id', 'Organization: is invalid');
  }
  if (Object.keys(details).length > 0) throw errors.recordInvalid(details);
  const user = ctx.state.addUser({
    name,
    role: role as UserRole,
    email,
    phone,
    external_id: externalId,
    tags: [...new Set(tags)],
    organization_id: organizationId,
  });
  return { status: 201, body: { user: userJson(user, ctx.baseUrl) } };
}

/**
 * Users › Delete User: answers the user, now `active: false`. A deleted user stays readable and
 * comes through the user export once more (state.ts); deleting one again is a 404, as is an
 * unknown id. Admins are not deleted (403), as the account owner is not.
 */
export function deleteUser(ctx: ApiContext): Reply {
  requireAdmin(ctx);
  requireScope(ctx, 'users', 'write');
  const raw = ctx.params[0]!;
  const user = /^\d{1,15}$/.test(raw) ? ctx.state.getUser(Number(raw)) : undefined;
  if (!user || !user.active) throw errors.recordNotFound();
  // "administrators can delete all users except the account owner": the emulator does not model who owns the account.
  if (user.role === 'admin') throw errors.forbidden('The Zendesk emulator does not delete admins (Zendesk refuses the account owner)');
  return { status: 200, body: { user: userJson(ctx.state.deleteUser(user.id), ctx.baseUrl) } };
}
