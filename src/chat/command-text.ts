/** `/remind@ChimeBot in 2h x` → { name: 'remind', bot: 'ChimeBot', args: 'in 2h x' }. */
export function parseCommandText(text: string): { name: string; bot?: string; args: string } | undefined {
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return undefined;
  return { name: (m[1] as string).toLowerCase(), ...(m[2] ? { bot: m[2] } : {}), args: (m[3] ?? '').trim() };
}
