/**
 * A Go slice while encoding/json fills it: a backing array (its length is the capacity) and a
 * length. Decoding a second array into the same field (a duplicate key) reuses the slice: the
 * elements within its capacity are decoded *into* (a stale struct merges, `null` leaves a stale
 * string), so the capacity a slice grew to is kept beside the array handed out, for the rest of
 * that decode (`Backings`, one per decode).
 */
export interface GoSlice {
  backing: unknown[];
  len: number;
}

/** The backing arrays of the slices one decode has handed out, by the array handed out. */
export type Backings = Map<readonly unknown[], unknown[]>;

/** The slice a field's value is (undefined: nil), with the capacity it had earlier in this decode. */
export function sliceOf(view: readonly unknown[] | undefined, backings: Backings | undefined): GoSlice {
  return { backing: view === undefined ? [] : (backings?.get(view) ?? [...view]), len: view?.length ?? 0 };
}

/** The elements [0, len), to store in the struct; the backing is remembered when it has room to spare. */
export function sliceView(s: GoSlice, backings: () => Backings): unknown[] {
  const v = s.backing.slice(0, s.len);
  if (s.backing.length > s.len) backings().set(v, s.backing);
  return v;
}

/** `reflect.Value.Grow`: a new backing array of Go's next capacity for `newLen`, the elements copied. */
export function growSlice(s: GoSlice, newLen: number): void {
  const b = new Array<unknown>(nextCap(newLen, s.backing.length));
  for (let i = 0; i < s.len; i += 1) b[i] = s.backing[i];
  s.backing = b;
}

/** runtime.nextslicecap (without the allocator's size-class rounding, which matters only past 256 elements). */
function nextCap(newLen: number, oldCap: number): number {
  const double = oldCap * 2;
  if (newLen > double) return newLen;
  if (oldCap < 256) return double;
  let cap = oldCap;
  while (cap < newLen) cap += (cap + 3 * 256) >> 2;
  return cap;
}
