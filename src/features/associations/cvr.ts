// Danish CVR numbers (the central business register's 8-digit company number).
// Besides the format we check the modulus-11 check digit that CVR numbers are issued
// with: each digit is multiplied by the weights 2,7,6,5,4,3,2,1 and the sum must be
// divisible by 11. It catches most typing errors (one wrong digit, two swapped
// digits) before a wrong number is published; it cannot tell whether the company exists.

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/** Digits only: "12 34 56 78" and "DK12345678" are written that way in the wild. */
export function normaliseCvr(input: string): string {
  return input.replace(/^\s*DK/i, '').replace(/[\s-]/g, '');
}

export function hasCvrFormat(cvr: string): boolean {
  return /^\d{8}$/.test(cvr);
}

export function hasValidCvrCheckDigit(cvr: string): boolean {
  if (!hasCvrFormat(cvr)) return false;
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(cvr[index]), 0);
  return sum % 11 === 0;
}
