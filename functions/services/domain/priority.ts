// Priority score 0–100 from the six prioritisation factors of Jordan's service development methodology.
import type { PriorityFactors } from '../../../schemas/services';

const WEIGHTS = {
  volume: 0.25,
  transactionValue: 0.15,
  valueToCitizens: 0.25,
  simplicity: 0.1,
  culturalValue: 0.1,
  economicValue: 0.15,
} as const;

/** 1 for no transactions, 5 for a million or more a year, logarithmic in between. */
function volumeRating(annualTransactions: number): number {
  return Math.min(5, 1 + (4 * Math.log10(annualTransactions + 1)) / 6);
}

export function priorityScore(factors: PriorityFactors): number {
  const ratings = {
    volume: volumeRating(factors.annualTransactions),
    transactionValue: factors.transactionValue,
    valueToCitizens: factors.valueToCitizens,
    simplicity: 6 - factors.complexity,
    culturalValue: factors.culturalValue,
    economicValue: factors.economicValue,
  };
  const weighted = (Object.keys(WEIGHTS) as Array<keyof typeof WEIGHTS>).reduce(
    (sum, key) => sum + WEIGHTS[key] * ratings[key],
    0,
  );
  return Math.round(((weighted - 1) / 4) * 1000) / 10;
}
