/** Helpers to read values out of `openssl x509 -text` / `openssl pkey -text` output. */

/** The colon-separated hex block that follows a line `label` (e.g. "Modulus:", "priv:"), as a bigint. */
export function hexBlock(text: string, label: string): bigint {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trim() === label);
  if (i < 0) throw new Error(`no "${label}" in openssl output`);
  let hex = '';
  for (let j = i + 1; j < lines.length && /^\s+[0-9a-f]{2}(:[0-9a-f]{2})*:?\s*$/.test(lines[j]); j++) hex += lines[j].replace(/[\s:]/g, '');
  return BigInt('0x' + hex);
}

/** The hex block as bytes (without the leading 00 openssl adds to positive numbers). */
export function hexBlockBytes(text: string, label: string): Buffer {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trim() === label);
  if (i < 0) throw new Error(`no "${label}" in openssl output`);
  let hex = '';
  for (let j = i + 1; j < lines.length && /^\s+[0-9a-f]{2}(:[0-9a-f]{2})*:?\s*$/.test(lines[j]); j++) hex += lines[j].replace(/[\s:]/g, '');
  return Buffer.from(hex, 'hex');
}

/** The line(s) of an extension's value in `-text` output, trimmed. */
export function extensionText(text: string, name: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trim().startsWith(`${name}:`) || l.trim() === name);
  if (i < 0) throw new Error(`no extension "${name}" in openssl output`);
  const indent = lines[i].search(/\S/);
  const out: string[] = [];
  for (let j = i + 1; j < lines.length && lines[j].search(/\S/) > indent; j++) out.push(lines[j].trim());
  return out.join('\n');
}

export function bigIntFromBytes(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex'));
}
