const dayMs = 24 * 60 * 60 * 1000;

export function ageInDays(created: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(created)) / dayMs));
}
