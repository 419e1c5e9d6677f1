import { describe, expect, it } from 'vitest';
import { regionFromText, regionLabel, regionsMatching } from './regions';

describe('AWS regions by name or code', () => {
  it('finds a region by its code, its name or its city, whatever the case', () => {
    for (const typed of ['eu-west-1', 'EU-WEST-1', 'Ireland', 'ireland', ' Dublin ']) {
      expect(regionsMatching(typed).map((region) => region.code)).toContain('eu-west-1');
    }
    expect(regionsMatching('sao paulo').map((region) => region.code)).toEqual(['sa-east-1']);
  });

  it('reads what was typed as a region when it names exactly one', () => {
    expect(regionFromText('Ireland')).toBe('eu-west-1');
    expect(regionFromText('eu-west-1')).toBe('eu-west-1');
    expect(regionFromText('Europe (Ireland) — eu-west-1')).toBe('eu-west-1');
    expect(regionFromText('frankfurt')).toBe('eu-central-1');
    expect(regionFromText('us-east-1')).toBe('us-east-1');
  });

  it('leaves a code it does not know as typed, and finds nothing in a vague word', () => {
    expect(regionFromText('ap-east-9')).toBeNull();
    expect(regionFromText('Europe')).toBeNull();
    expect(regionFromText('Atlantis')).toBeNull();
    expect(regionFromText('')).toBeNull();
  });

  it('says a region the way the AWS console does, with its code', () => {
    expect(regionLabel('eu-west-1')).toBe('Europe (Ireland) — eu-west-1');
    expect(regionLabel('xx-new-1')).toBe('xx-new-1');
  });
});
