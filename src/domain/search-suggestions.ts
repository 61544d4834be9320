/**
 * "Did you mean": when a catalogue search finds nothing, the procedures whose names come closest
 * to what was typed. A citizen swaps two letters ("khia sinh"), drops one ("khai snh") or writes
 * more than a name holds ("khai sinh cho con"): each word typed is compared with the name's words
 * without diacritics, allowing one slip in a short word and two in a long one, and a name is
 * ranked by the share of the typed words it holds.
 */

/** Lower-case words without diacritics: "Đăng ký khai sinh" → ["dang", "ky", "khai", "sinh"]. */
export function plainWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/**
 * Edits (insert, delete, replace, swap two neighbours) from one word to the other, stopping at
 * `limit + 1`: the optimal string alignment distance, a swap counting as one slip.
 */
export function slips(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] ?? [];
    const previous = rows[i - 1] ?? [];
    let smallest = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = d;
      smallest = Math.min(smallest, d);
    }
    if (smallest > limit) return limit + 1;
  }
  return Math.min(rows[a.length]?.[b.length] ?? limit + 1, limit + 1);
}

/** How many slips a typed word may hold: none in one or two letters, one up to five, two beyond. */
function allowedSlips(word: string): number {
  if (word.length <= 2) return 0;
  return word.length <= 5 ? 1 : 2;
}

function holds(nameWords: string[], typed: string): boolean {
  const limit = allowedSlips(typed);
  return nameWords.some((w) => w === typed || slips(typed, w, limit) <= limit);
}

/**
 * The names closest to the query, best first: those holding at least half of its words (and one
 * long enough to be a word of substance), by that share, then the shorter name.
 */
export function closestNames(query: string, names: string[], limit = 5): string[] {
  const typed = [...new Set(plainWords(query))].slice(0, 12);
  if (!typed.some((w) => w.length >= 3)) return [];
  const scored = names.map((name) => {
    const words = plainWords(name);
    const held = typed.filter((w) => holds(words, w));
    return {
      name,
      share: held.length / typed.length,
      substantial: held.some((w) => w.length >= 3),
    };
  });
  return scored
    .filter((s) => s.share >= 0.5 && s.substantial)
    .sort(
      (a, b) => b.share - a.share || a.name.length - b.name.length || a.name.localeCompare(b.name),
    )
    .slice(0, limit)
    .map((s) => s.name);
}
