import { vietnamDate } from '../../../domain/vietnam-time.ts';
import type { DossierNumber, PredictedNumbers } from './repository.ts';

/** What this server last knew of an agency's counter: its day, its last number and that number's time. */
type KnownCounter = { day: string; last: number; at: Date; batchesUnpredicted: number };

/** After a prediction missed, the agency's next batches take their numbers first, this many of them. */
const BATCHES_UNPREDICTED_AFTER_MISS = 8;

/**
 * A batch's numbers predicted from the counters' values this server last saw (decision 0023), so a
 * batch of applications is numbered in the statement that writes it: one round trip instead of
 * two. A prediction holds while no other writer takes numbers of those agencies; when one did, the
 * statement writes nothing and the batch takes its numbers first. After a miss, an agency's next
 * batches are not predicted for a while, so writers taking turns (another server, the desk) cost
 * about as many round trips as without prediction. A batch's numbers are learnt as it is sent,
 * so one that starts while it runs predicts the numbers after it.
 */
export function createNumberPrediction() {
  const known = new Map<string, KnownCounter>();

  return {
    /**
     * Each application's number, in the order of `agencyIds` (an agency given twice gets two), and
     * the counters' changes that take them; undefined when an agency's counter for the day of `now`
     * is not known, or is resting after a miss. The reception time is `now`, or just after the
     * counter's last if that is not earlier (it may have come from another clock).
     */
    predict(
      agencyIds: readonly string[],
      now: Date,
    ): { numbers: DossierNumber[]; advances: PredictedNumbers[] } | undefined {
      const advances = new Map<string, PredictedNumbers>();
      for (const agencyId of agencyIds) {
        const advance = advances.get(agencyId);
        if (advance) {
          advance.count += 1;
          continue;
        }
        const counter = known.get(agencyId);
        if (!counter) return undefined;
        if (counter.batchesUnpredicted > 0) {
          counter.batchesUnpredicted -= 1;
          return undefined;
        }
        // The database keeps times finer than a millisecond: a millisecond after the counter's
        // last is after it whatever its microseconds.
        const at = now > counter.at ? now : new Date(counter.at.getTime() + 1);
        if (vietnamDate(at) !== counter.day) return undefined;
        advances.set(agencyId, { agencyId, day: counter.day, after: counter.last, count: 1, at });
      }
      const next = new Map([...advances].map(([id, advance]) => [id, advance.after]));
      const numbers = agencyIds.map((agencyId): DossierNumber => {
        const sequence = (next.get(agencyId) ?? 0) + 1;
        next.set(agencyId, sequence);
        return { sequence, at: (advances.get(agencyId) as PredictedNumbers).at };
      });
      return { numbers, advances: [...advances.values()] };
    },

    /**
     * The numbers a batch took, or takes in a statement just sent, in the order of `agencyIds`: each
     * counter now holds its last.
     */
    learn(agencyIds: readonly string[], numbers: readonly DossierNumber[]) {
      agencyIds.forEach((agencyId, i) => {
        const number = numbers[i] as DossierNumber;
        const counter = known.get(agencyId);
        known.set(agencyId, {
          day: vietnamDate(number.at),
          last: number.sequence,
          at: number.at,
          batchesUnpredicted: counter?.batchesUnpredicted ?? 0,
        });
      });
    },

    /** Another writer took numbers of some of these agencies since this server last saw them. */
    missed(agencyIds: readonly string[]) {
      for (const agencyId of agencyIds) {
        const counter = known.get(agencyId);
        if (counter) counter.batchesUnpredicted = BATCHES_UNPREDICTED_AFTER_MISS;
      }
    },
  };
}
