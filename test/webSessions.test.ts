import { describe, expect, test } from 'vitest';
import { createWebSessions } from '../api/auth/webSessions.js';

describe('web sessions (process memory)', () => {
  test('a session slides while used, expires when idle, and ends on sign-out', () => {
    let now = 0;
    const sessions = createWebSessions({ idleMs: 1000, now: () => now });
    const id = sessions.create('vrs_key');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    now = 900;
    expect(sessions.touch(id)).toBe('vrs_key');
    now = 1800; // 900 ms after the last use
    expect(sessions.touch(id)).toBe('vrs_key');
    now = 2800;
    expect(sessions.touch(id)).toBeUndefined();
    const other = sessions.create('vrs_key');
    sessions.end(other);
    expect(sessions.touch(other)).toBeUndefined();
    expect(sessions.touch('made-up')).toBeUndefined();
  });
});
