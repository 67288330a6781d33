/**
 * Krippendorff's alpha for nominal data with any number of annotators and missing values, from the
 * coincidence matrix (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section C).
 * The unitized alpha over positions is in unitized.ts.
 */
import { agreeingPairs } from './kappa';
import { onlyCategory, type Measured, type Projection } from './measured';
import { MISSING, type CodedUnits } from './categories';

/**
 * α = 1 − D_o / D_e = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k over the pairable values: a unit
 * coded by fewer than two annotators drops out. Undefined (null) when no unit is pairable. When
 * every pairable value is one category (D_o = D_e = 0: everyone agrees, and on one thing only),
 * α is 1, as NLTK's `AnnotationTask.alpha` and DKPro Statistics' `KrippendorffAlphaAgreement` give it.
 */
export function krippendorffAlpha(units: Iterable<CodedUnits>, project: Projection): Measured {
  const missing = MISSING; // a local: an imported binding can cost a getter call per read
  let pairable = 0;
  let disagreeing = 0;
  const totals = new Float64Array(project.size);
  const values: number[] = [];
  for (const unit of units) {
    values.length = 0;
    for (const value of unit.values) {
      const category = project.of(value);
      if (category !== missing) values.push(category);
    }
    const m = values.length;
    if (m < 2) continue;
    // Ordered pairs of different values in the unit, each weighted 1 / (m − 1): Σ_{c≠k} o_ck.
    const differentPairs = m * (m - 1) - 2 * agreeingPairs(values);
    disagreeing += (unit.count * differentPairs) / (m - 1);
    pairable += unit.count * m;
    for (const value of values) totals[value] = (totals[value] ?? 0) + unit.count;
  }
  if (pairable === 0) return { value: null, why: 'no-units' };
  if (onlyCategory(totals) !== null) return { value: 1 };
  let squares = 0;
  for (const count of totals) squares += count * count;
  return { value: 1 - ((pairable - 1) * disagreeing) / (pairable * pairable - squares) };
}
