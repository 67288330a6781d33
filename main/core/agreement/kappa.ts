/**
 * Cohen's kappa for two annotators (Cohen 1960, "A coefficient of agreement for nominal scales") and
 * Fleiss' kappa for many (Fleiss 1971, "Measuring nominal scale agreement among many raters"), over
 * counted units (tokens). Which units and annotators take part is the caller's choice.
 */
import { onlyCategory, type Measured, type Projection } from './measured';
import { MISSING, type CodedUnits } from './categories';

/**
 * Cohen's kappa of annotators `a` and `b` (indexes into each unit's values): (po − pe) / (1 − pe)
 * with each annotator's own marginals. Units either of them did not code are left out. Undefined
 * (null) without units, or when both gave every unit the same one category (pe = 1).
 */
export function cohenKappa(units: Iterable<CodedUnits>, a: number, b: number, project: Projection): Measured {
  const missing = MISSING; // a local: an imported binding can cost a getter call per read
  let total = 0;
  let agreed = 0;
  const marginalA = new Float64Array(project.size);
  const marginalB = new Float64Array(project.size);
  for (const unit of units) {
    const x = project.of(unit.values[a] ?? missing);
    const y = project.of(unit.values[b] ?? missing);
    if (x === missing || y === missing) continue;
    total += unit.count;
    if (x === y) agreed += unit.count;
    marginalA[x] = (marginalA[x] ?? 0) + unit.count;
    marginalB[y] = (marginalB[y] ?? 0) + unit.count;
  }
  if (total === 0) return { value: null, why: 'no-units' };
  const onlyA = onlyCategory(marginalA);
  if (onlyA !== null && onlyA === onlyCategory(marginalB)) return { value: null, why: 'one-category', category: onlyA };
  let chance = 0;
  marginalA.forEach((countA, category) => {
    chance += (countA / total) * ((marginalB[category] ?? 0) / total);
  });
  const observed = agreed / total;
  return { value: (observed - chance) / (1 - chance) };
}

/**
 * Fleiss' kappa of the annotators `raters` (indexes into each unit's values; at least two): every
 * unit is rated by all of them, so units any of them did not code are left out. κ = (P̄ − P̄e) /
 * (1 − P̄e). Undefined (null) without units, or when every rating is one category (P̄e = 1).
 */
export function fleissKappa(units: Iterable<CodedUnits>, raters: readonly number[], project: Projection): Measured {
  const n = raters.length;
  if (n < 2) throw new RangeError(`Fleiss' kappa needs two or more raters, not ${n}`);
  const missing = MISSING;
  let subjects = 0;
  let agreementSum = 0;
  const totals = new Float64Array(project.size);
  const values: number[] = [];
  for (const unit of units) {
    values.length = 0;
    for (const rater of raters) values.push(project.of(unit.values[rater] ?? missing));
    if (values.includes(missing)) continue;
    // Σ_j n_ij² from the pairs of raters that agree: n + 2 × (agreeing unordered pairs).
    const squares = n + 2 * agreeingPairs(values);
    agreementSum += (unit.count * (squares - n)) / (n * (n - 1));
    subjects += unit.count;
    for (const value of values) totals[value] = (totals[value] ?? 0) + unit.count;
  }
  if (subjects === 0) return { value: null, why: 'no-units' };
  const only = onlyCategory(totals);
  if (only !== null) return { value: null, why: 'one-category', category: only };
  const ratings = subjects * n;
  let chance = 0;
  for (const count of totals) chance += (count / ratings) ** 2;
  const observed = agreementSum / subjects;
  return { value: (observed - chance) / (1 - chance) };
}

/** Unordered pairs of equal values. */
export function agreeingPairs(values: readonly number[]): number {
  let pairs = 0;
  for (let i = 0; i < values.length; i += 1) {
    for (let j = i + 1; j < values.length; j += 1) if (values[i] === values[j]) pairs += 1;
  }
  return pairs;
}
