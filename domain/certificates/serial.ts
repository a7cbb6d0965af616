/**
 * A random positive 128-bit serial number as hex. RFC 5280 wants at most 20 octets; CA/B
 * Forum wants at least 64 random bits. The first byte is kept in 0x01-0x7f so the DER integer
 * is positive and always 16 octets long.
 */
export function randomSerialNumber(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
