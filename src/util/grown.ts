/** A copy of an array of ints twice as long, its values first (scratch arrays that outgrow a question). */
export function grown(values: Int32Array): Int32Array<ArrayBuffer> {
  const longer = new Int32Array(values.length * 2);
  longer.set(values);
  return longer;
}
