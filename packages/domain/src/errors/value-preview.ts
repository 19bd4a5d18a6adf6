/**
 * A short, JSON-like preview of an untrusted value for an error message. It never recurses
 * deeper than a few levels nor writes more than `max` characters, so a body nested thousands of
 * levels deep (or megabytes long) is described in constant time and stack, where
 * `JSON.stringify` would overflow the stack (issue 12, finding 6).
 */
export const previewValue = (value: unknown, max = 60): string => {
  let out = '';
  const MAX_DEPTH = 3;
  const write = (s: string): boolean => {
    out += s;
    return out.length <= max;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return write(String(v));
    if (typeof v === 'string') return write(JSON.stringify(v.length > max ? v.slice(0, max) : v));
    if (typeof v !== 'object') return write(String(typeof v));
    if (depth >= MAX_DEPTH) return write(Array.isArray(v) ? '[…]' : '{…}');
    if (Array.isArray(v)) {
      if (!write('[')) return false;
      for (let i = 0; i < v.length; i++) if ((i > 0 && !write(',')) || !walk(v[i], depth + 1)) return false;
      return write(']');
    }
    if (!write('{')) return false;
    let first = true;
    for (const k of Object.keys(v)) {
      if ((!first && !write(',')) || !write(`${JSON.stringify(k.slice(0, max))}:`) || !walk((v as Record<string, unknown>)[k], depth + 1)) return false;
      first = false;
    }
    return write('}');
  };
  walk(value, 0);
  return out.length <= max ? out : `${out.slice(0, max)}…`;
};
