import { describe, expect, it } from 'vitest';
import { FairTurns } from './fair-turns.ts';

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('readings paced per turn (FairTurns)', () => {
  it('runs at once within the budget, later turns beyond it, each device in its order and devices in turn', async () => {
    const turns = new FairTurns(3);
    const ran: string[] = [];
    for (let i = 0; i < 6; i++) turns.run('flood', () => ran.push(`flood${i}`));
    turns.run('probe', () => ran.push('probe'));
    expect(ran).toEqual(['flood0', 'flood1', 'flood2']);
    await nextTurn();
    // The probe does not wait behind the flooding device's backlog.
    expect(ran).toEqual(['flood0', 'flood1', 'flood2', 'flood3', 'probe', 'flood4']);
    await nextTurn();
    expect(ran.slice(6)).toEqual(['flood5']);
    await nextTurn();
    turns.run('probe', () => ran.push('again'));
    expect(ran.at(-1)).toBe('again');
  });
});
