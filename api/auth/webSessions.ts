import { randomBytes } from 'node:crypto';

/**
 * Web sign-in sessions, kept in this API process's memory: the credential a session stands for
 * never touches disk, and a restart simply signs everyone out. Behind several API processes the
 * load balancer must keep a browser on one process (sticky sessions).
 */
export interface WebSession {
  /** The API key, device token or operator token the person signed in with. */
  token: string;
  expiresAt: number;
}

export interface WebSessions {
  create(token: string): string;
  /** The session's credential, sliding its expiry; undefined once expired or signed out. */
  touch(id: string): string | undefined;
  end(id: string): void;
}

export const SESSION_IDLE_MS = 12 * 3600_000;

export function createWebSessions(options: { idleMs?: number; now?: () => number } = {}): WebSessions {
  const idleMs = options.idleMs ?? SESSION_IDLE_MS;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, WebSession>();
  const sweep = () => {
    const t = now();
    for (const [id, s] of sessions) if (s.expiresAt <= t) sessions.delete(id);
  };
  return {
    create(token) {
      sweep();
      const id = randomBytes(32).toString('base64url');
      sessions.set(id, { token, expiresAt: now() + idleMs });
      return id;
    },
    touch(id) {
      const session = sessions.get(id);
      if (!session) return undefined;
      if (session.expiresAt <= now()) {
        sessions.delete(id);
        return undefined;
      }
      session.expiresAt = now() + idleMs;
      return session.token;
    },
    end(id) {
      sessions.delete(id);
    },
  };
}

export const SESSION_COOKIE = 'vrs_session';
