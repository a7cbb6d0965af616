import { selectSerial, type SerialRules } from './rules.js';
import type { SerialState } from './state.js';

/** Where the serial's product stands in the network, as its last master-data sync left it. */
export type ProductPresence = 'synced' | 'pending' | 'skipped' | 'withdrawn' | 'absent';

/** Why a producer's serial is not (or not as uploaded) what verify answers from. */
export type PresenceReasonCode =
  | 'stateIncomplete'
  | 'serialSyncDisabled'
  | 'excludedByRule'
  | 'notAppliedYet'
  | 'olderStateInNetwork'
  | 'productNotSynced'
  | 'notCommissioned'
  | 'itemStatusBlocks';

export interface PresenceReason {
  code: PresenceReasonCode;
  message: string;
}

export interface PresenceInput {
  /** The state folded from the producer's stored events; undefined when they do not yet state lot and expiry. */
  state: SerialState | undefined;
  rules: SerialRules;
  product: ProductPresence;
  /** The read-table row's newest event, when the serial is in the network. */
  network: Pick<SerialState, 'eventId' | 'eventTime'> | undefined;
}

export interface Presence {
  /** The read table holds the serial (verify finds it). */
  inNetwork: boolean;
  /** Every reason a verification of the pack as stored would not answer `verified: true`; empty when it would. */
  reasons: PresenceReason[];
}

const PRODUCT_MESSAGES: Record<Exclude<ProductPresence, 'synced'>, string> = {
  pending: 'the product has not been synced yet: run a master-data sync (POST /v1/syncs/master-data)',
  skipped: "the product's last master-data sync skipped it (GET /v1/products/{gtin} says why)",
  withdrawn: 'the product was withdrawn from the network by a master-data sync',
  absent: 'no product data was uploaded for this GTIN (POST /v1/master-data)',
};

/**
 * Explains, for the producer, whether verify sees its serial and what stops a clean answer.
 * The response rules' expiry checks are left out: expiry is judged at request time.
 */
export function serialPresence(input: PresenceInput): Presence {
  const { state, network } = input;
  const reasons: PresenceReason[] = [];
  if (state === undefined) {
    reasons.push({
      code: 'stateIncomplete',
      message: 'the stored events do not yet state a lot, expiry and status (a commissioning event is missing)',
    });
  } else {
    const selection = selectSerial(state, input.rules);
    if (!selection.selected) {
      const disabled = !input.rules.enabled;
      reasons.push({
        code: disabled ? 'serialSyncDisabled' : 'excludedByRule',
        message: disabled
          ? 'serial sync is disabled: PUT /v1/rules/serials {"enabled": true}'
          : 'no include entry of the serial rules (GET /v1/rules/serials) selects it',
      });
    } else if (network === undefined) {
      reasons.push({
        code: 'notAppliedYet',
        message: 'the rules select it but the serial sync has not applied it yet (start a backfill if none runs)',
      });
    } else if (network.eventId !== state.eventId) {
      reasons.push({
        code: 'olderStateInNetwork',
        message: `the network holds the state of event ${network.eventId}; the newest stored event ${state.eventId} is not applied yet`,
      });
    }
    if (state.status !== 'commissioned')
      reasons.push({
        code: 'notCommissioned',
        message: `the serial is ${state.status}: verify answers Not_for_re-distribution`,
      });
    const flagged = (['recalled', 'suspect', 'illegitimate'] as const).filter((flag) => state.flags[flag]);
    if (flagged.length > 0)
      reasons.push({
        code: 'itemStatusBlocks',
        message: `the serial is ${flagged.join(', ')}: verify answers Manufacturer_policy unless the response rules allow it`,
      });
  }
  if (input.product !== 'synced') reasons.push({ code: 'productNotSynced', message: PRODUCT_MESSAGES[input.product] });
  return { inNetwork: network !== undefined, reasons };
}
