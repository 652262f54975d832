/** Position of an ASCII needle in the first `limit` bytes, or -1 (no decoder needed for magic numbers). */
export function indexOfAscii(bytes: Uint8Array, needle: string, limit = bytes.length): number {
  const end = Math.min(bytes.length, limit) - needle.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let k = 0; k < needle.length; k++) {
      if (bytes[i + k] !== needle.charCodeAt(k)) continue outer;
    }
    return i;
  }
  return -1;
}

export function startsWithBytes(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
