import type { CertificateStore } from '../activities/certificates.js';
import type { NewCertificate, StoredCertificate } from '../domain/certificates/index.js';

export interface StoreEvent {
  kind: 'activate' | 'retire';
  id: string;
  at: Date;
  /** How many certificates were active right after the event. */
  activeAfter: number;
}

/**
 * Our own certificate store kept in memory, for the rotation workflow test. It records every
 * change, so the test can replay the timeline, and lets the test await the next change.
 */
export class MemoryCertificateStore implements CertificateStore {
  readonly rows = new Map<string, StoredCertificate>();
  readonly events: StoreEvent[] = [];
  private waiters: { kind: StoreEvent['kind']; resolve: (event: StoreEvent) => void }[] = [];
  private nextId = 1;

  async findCertificate(id: string) {
    return this.rows.get(id);
  }

  async findSuccessor(id: string) {
    // A scan is fine for a handful of rows; Postgres would use an index on predecessor_id.
    return [...this.rows.values()].find((row) => row.predecessorId === id);
  }

  async insertCertificate(c: NewCertificate) {
    const id = `cert-${this.nextId++}`;
    const row: StoredCertificate = {
      id,
      partnerId: c.partnerId,
      purpose: c.purpose,
      status: c.status,
      certificatePem: c.certificatePem ?? null,
      csrPem: c.csrPem ?? null,
      encryptedKey: c.encryptedKey ?? null,
      fingerprint: c.fingerprint ?? null,
      subject: c.subject ?? null,
      notBefore: c.notBefore ?? null,
      notAfter: c.notAfter ?? null,
      predecessorId: c.predecessorId ?? null,
      activatedAt: null,
      retiredAt: null,
    };
    this.rows.set(id, row);
    return row;
  }

  async activateSuccessor(id: string, at: Date) {
    this.setStatus(id, 'active', at);
  }

  async retireCertificate(id: string, at: Date) {
    this.setStatus(id, 'retired', at);
  }

  byStatus(status: StoredCertificate['status']): StoredCertificate[] {
    return [...this.rows.values()].filter((row) => row.status === status);
  }

  /** Resolves at the next event of `kind`. */
  next(kind: StoreEvent['kind']): Promise<StoreEvent> {
    return new Promise((resolve) => this.waiters.push({ kind, resolve }));
  }

  private setStatus(id: string, status: 'active' | 'retired', at: Date) {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no certificate ${id}`);
    if (row.status === status) return;
    row.status = status;
    this.record(status === 'active' ? 'activate' : 'retire', id, at);
  }

  private record(kind: StoreEvent['kind'], id: string, at: Date) {
    const event = { kind, id, at, activeAfter: this.byStatus('active').length };
    this.events.push(event);
    const ready = this.waiters.filter((w) => w.kind === kind);
    this.waiters = this.waiters.filter((w) => w.kind !== kind);
    for (const w of ready) w.resolve(event);
  }
}
