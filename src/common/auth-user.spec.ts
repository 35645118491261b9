import { canReadAll, isAdmin, ownerCondition, Role } from './auth-user';

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
  it('as SQL: no condition for readers of all, the owner column for users, a fresh array each time', () => {
    expect(ownerCondition(as(Role.Operator), 's.owner_id')).toEqual(['', []]);
    const [condition, params] = ownerCondition(as(Role.User), 's.owner_id');
    expect([condition, params]).toEqual(['s.owner_id = ?', [1]]);
    params.push(99);
    expect(ownerCondition(as(Role.User), 's.owner_id')[1]).toEqual([1]);
  });
});
