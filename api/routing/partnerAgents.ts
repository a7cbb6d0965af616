import { Agent } from 'node:https';
import type { Kysely } from 'kysely';
import { decryptAtRestText, type MasterKey } from '../../domain/certificates/index.js';
import { findActiveCertificate } from '../../db/repositories/certificates.js';
import { findPartner } from '../../db/repositories/partners.js';
import type { Database } from '../../db/schema.js';

export class PartnerConnectionError extends Error {
  override name = 'PartnerConnectionError';
}

/**
 * One keep-alive HTTPS agent per partner, presenting the client certificate dedicated to that
 * partner and trusting only that partner's CA. `invalidate()` (called on every certificate
 * change notification) drops them, so the next request uses the rotated certificate.
 */
export class PartnerAgents {
  private readonly agents = new Map<string, Promise<Agent>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly master: MasterKey,
  ) {}

  agentFor(partnerId: string): Promise<Agent> {
    let agent = this.agents.get(partnerId);
    if (!agent) {
      agent = this.build(partnerId);
      this.agents.set(partnerId, agent);
      agent.catch(() => this.agents.delete(partnerId));
    }
    return agent;
  }

  invalidate(): void {
    const old = [...this.agents.values()];
    this.agents.clear();
    // In-flight requests finish on their sockets; idle keep-alive sockets close now.
    for (const agent of old) void agent.then((a) => a.destroy(), () => {});
  }

  private async build(partnerId: string): Promise<Agent> {
    const [partner, certificate] = await Promise.all([findPartner(this.db, partnerId), findActiveCertificate(this.db, 'client', partnerId)]);
    if (!partner) throw new PartnerConnectionError(`unknown partner ${partnerId}`);
    if (!certificate?.certificatePem || !certificate.encryptedKey) throw new PartnerConnectionError(`no active client certificate for partner ${partner.name}`);
    const key = await decryptAtRestText(this.master, certificate.encryptedKey);
    if (!key.ok) throw new PartnerConnectionError(`cannot open the client key for partner ${partner.name}: ${key.error.message}`);
    return new Agent({ keepAlive: true, maxSockets: 64, cert: certificate.certificatePem, key: key.value, ca: partner.caPem, minVersion: 'TLSv1.2' });
  }
}
