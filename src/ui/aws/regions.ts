// Region choices when the account's own list (DescribeRegions) cannot be fetched. Pure.

/** Commercial regions, for the pick list only: the call itself accepts any region name. */
export const KNOWN_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'ca-west-1',
  'mx-central-1',
  'sa-east-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
] as const;

export interface RegionChoice {
  region: string;
  note?: string;
}

/**
 * The order a person wants: "auto" first, the profile's own region (noted "profile NAME", `profile`
 * the profile the calls use), the last choices, then the rest. Each region appears once.
 */
export function orderRegions(
  all: readonly string[],
  opts: { profileRegion?: string; profile?: string; recent?: readonly string[]; current?: string },
): RegionChoice[] {
  const out: RegionChoice[] = [{ region: 'auto', note: "search the account's enabled regions" }];
  const seen = new Set<string>(['auto']);
  const add = (region: string | undefined, note?: string) => {
    if (!region || seen.has(region)) return;
    seen.add(region);
    out.push({ region, note });
  };
  add(opts.profileRegion, `profile ${opts.profile ?? 'default'}`);
  for (const r of opts.recent ?? []) add(r, 'recently used');
  for (const r of all) add(r);
  return out.map((c) =>
    c.region === opts.current ? { ...c, note: [c.note, 'current'].filter(Boolean).join(', ') } : c,
  );
}

/** Remembers a choice at the front of the recent list (at most five). */
export function rememberRegion(recent: readonly string[], region: string): string[] {
  return [region, ...recent.filter((r) => r !== region)].slice(0, 5);
}
