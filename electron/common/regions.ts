// AWS regions as people know them. No imports, so the renderer may import its values, and the
// command line can read a region the same way the window does.

export interface Region {
  code: string;
  /** As the AWS console names it: "Europe (Ireland)". */
  name: string;
  /** Other words people use for where it is: the city, when the name does not say it. */
  aka?: readonly string[];
}

export const regions: readonly Region[] = [
  { code: 'us-east-1', name: 'US East (N. Virginia)', aka: ['Virginia', 'Ashburn'] },
  { code: 'us-east-2', name: 'US East (Ohio)', aka: ['Columbus'] },
  { code: 'us-west-1', name: 'US West (N. California)', aka: ['California', 'San Francisco'] },
  { code: 'us-west-2', name: 'US West (Oregon)', aka: ['Portland'] },
  { code: 'af-south-1', name: 'Africa (Cape Town)', aka: ['South Africa'] },
  { code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)' },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)', aka: ['India'] },
  { code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)' },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)', aka: ['Australia'] },
  { code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)', aka: ['Indonesia'] },
  { code: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)' },
  { code: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)', aka: ['Kuala Lumpur'] },
  { code: 'ap-southeast-7', name: 'Asia Pacific (Thailand)', aka: ['Bangkok'] },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', aka: ['Japan'] },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)', aka: ['Korea'] },
  { code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)' },
  { code: 'ca-central-1', name: 'Canada (Central)', aka: ['Montreal'] },
  { code: 'ca-west-1', name: 'Canada West (Calgary)' },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)', aka: ['Germany'] },
  { code: 'eu-central-2', name: 'Europe (Zurich)', aka: ['Switzerland'] },
  { code: 'eu-west-1', name: 'Europe (Ireland)', aka: ['Dublin'] },
  { code: 'eu-west-2', name: 'Europe (London)', aka: ['United Kingdom', 'UK'] },
  { code: 'eu-west-3', name: 'Europe (Paris)', aka: ['France'] },
  { code: 'eu-south-1', name: 'Europe (Milan)', aka: ['Italy'] },
  { code: 'eu-south-2', name: 'Europe (Spain)', aka: ['Aragon'] },
  { code: 'eu-north-1', name: 'Europe (Stockholm)', aka: ['Sweden'] },
  { code: 'il-central-1', name: 'Israel (Tel Aviv)' },
  { code: 'me-south-1', name: 'Middle East (Bahrain)' },
  { code: 'me-central-1', name: 'Middle East (UAE)', aka: ['Dubai'] },
  { code: 'mx-central-1', name: 'Mexico (Central)', aka: ['Queretaro'] },
  { code: 'sa-east-1', name: 'South America (São Paulo)', aka: ['Brazil'] },
  { code: 'us-gov-east-1', name: 'AWS GovCloud (US-East)' },
  { code: 'us-gov-west-1', name: 'AWS GovCloud (US-West)' },
  { code: 'cn-north-1', name: 'China (Beijing)' },
  { code: 'cn-northwest-1', name: 'China (Ningxia)' },
];

/** Lower case, without accents or the console's " — ": "São Paulo" and "sao paulo" match. */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function wordsOf(region: Region): string[] {
  return [region.code, region.name, regionLabel(region.code), ...(region.aka ?? [])].map(folded);
}

/** "Europe (Ireland) — eu-west-1"; a code Keyward does not know is shown as it is. */
export function regionLabel(code: string): string {
  const region = regions.find((each) => each.code === code);
  return region ? `${region.name} — ${region.code}` : code;
}

/** The regions whose code, name or city contain what was typed (all of them for nothing). */
export function regionsMatching(typed: string): Region[] {
  const query = folded(typed);
  if (query === '') return [...regions];
  return regions.filter((region) => wordsOf(region).some((word) => word.includes(query)));
}

/**
 * The region's code when what was typed names exactly one region ("Ireland", "dublin",
 * "eu-west-1", or the console's label); null when it names none or several.
 */
export function regionFromText(typed: string): string | null {
  const query = folded(typed);
  if (query === '') return null;
  const exact = regions.find((region) => wordsOf(region).includes(query));
  if (exact) return exact.code;
  const found = regionsMatching(typed);
  return found.length === 1 ? (found[0]?.code ?? null) : null;
}
