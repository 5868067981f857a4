import { describe, expect, it } from 'vitest';
import { OrgTree } from './org-tree.ts';
import { Access } from './permissions.ts';

const tree = new OrgTree([
  { id: 1, parentId: null, kind: 'bureau', name: '局', code: 'B', path: '/1/' },
  { id: 2, parentId: 1, kind: 'centre', name: '中心', code: 'C', path: '/1/2/' },
  { id: 3, parentId: 2, kind: 'canteen', name: '一食堂', code: 'K1', path: '/1/2/3/' },
  { id: 4, parentId: 2, kind: 'canteen', name: '二食堂', code: 'K2', path: '/1/2/4/' },
  { id: 5, parentId: 1, kind: 'unit', name: '财政局', code: 'U1', path: '/1/5/' },
]);
const grants = new Map([['head_chef', new Set(['dish.dish.write', 'dish.dish.read'])], ['bureau_leader', new Set(['dish.dish.read'])]]);

describe('Access', () => {
  const chef = new Access(tree, [{ orgId: 3, roleKey: 'head_chef' }], grants);
  const leader = new Access(tree, [{ orgId: 1, roleKey: 'bureau_leader' }], grants);

  it('grants a role on its organisation and everything below, nowhere else', () => {
    expect(chef.can('dish.dish.write', 3)).toBe(true);
    expect(chef.can('dish.dish.write', 4)).toBe(false);
    expect(chef.can('dish.dish.write', 2)).toBe(false);
    expect(leader.can('dish.dish.read', 4)).toBe(true);
    expect(leader.can('dish.dish.write', 4)).toBe(false);
  });

  it('scopes writes to the subtree and reads of shared data to the subtree and its ancestors', () => {
    expect(chef.scope('dish.dish.write')).toEqual([3]);
    expect(chef.readScope('dish.dish.read').sort()).toEqual([1, 2, 3]);
    expect(leader.scope('dish.dish.read').sort()).toEqual([1, 2, 3, 4, 5]);
    expect(leader.canteens('dish.dish.read').sort()).toEqual([3, 4]);
  });

  it('answers 404 for a canteen that does not exist and 403 for one out of reach', () => {
    expect(() => chef.requireCanteen('dish.dish.write', 99)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => chef.requireCanteen('dish.dish.write', 5)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => chef.requireCanteen('dish.dish.write', 4)).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => chef.requireCanteen('dish.dish.write', 3)).not.toThrow();
  });

  it('has nothing for a permission no role of the user grants', () => {
    expect(chef.has('requisition.requisition.approve')).toBe(false);
    expect(chef.scope('requisition.requisition.approve')).toEqual([]);
  });
});
