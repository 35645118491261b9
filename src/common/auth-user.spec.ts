import { canReadAll, isAdmin, Role } from './auth-user';

describe('visibility rules', () => {
  const as = (role: Role) => ({ id: 1, username: 'x', role });
  it('operators and admins read all, users only their own', () => {
    expect(canReadAll(as(Role.Admin))).toBe(true);
    expect(canReadAll(as(Role.Operator))).toBe(true);
    expect(canReadAll(as(Role.User))).toBe(false);
  });
  it('only admins are admins', () => {
    expect(isAdmin(as(Role.Admin))).toBe(true);
    expect(isAdmin(as(Role.Operator))).toBe(false);
  });
});
