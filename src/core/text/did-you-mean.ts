// "Did you mean ...?" for a mistyped command or option name.

/**
 * The candidate closest to what was typed: the same letters in another case, within 1 edit (insert,
 * delete, change, or swap two neighbours) for words of up to 4 characters, 2 for longer ones, or one
 * that the typed word (3 characters or more) begins. Ties go to the earlier candidate; undefined when none is close.
 */
export function closestMatch(typed: string, candidates: readonly string[]): string | undefined {
  const allowed = typed.length <= 4 ? 1 : 2;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const sameLetters = typed.toLowerCase() === candidate.toLowerCase();
    const distance =
      sameLetters || (typed.length >= 3 && candidate.startsWith(typed))
        ? 0
        : editDistance(typed, candidate);
    if (distance <= allowed && (best === undefined || distance < best.distance))
      best = { candidate, distance };
  }
  return best?.candidate;
}

/** Edits from `a` to `b`, a swap of two neighbours counting as one (optimal string alignment). */
function editDistance(a: string, b: string): number {
  // rows[i][j]: the distance between a's first i characters and b's first j.
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const change = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + change);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}
