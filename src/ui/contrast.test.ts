import { describe, expect, it } from 'vitest';
import { themeSchema } from '../capabilities/organisations/organisations.schemas.ts';
import { contrastRatio } from './contrast.ts';

describe('contrast', () => {
  it('computes WCAG 2.1 contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // #767676 is the lightest grey that passes 4.5:1 on white; #777777 just fails.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
    expect(contrastRatio('#1f5c99', '#ffffff')).toBe(contrastRatio('#ffffff', '#1f5c99'));
  });

  it('refuses a municipality theme whose colours would be unreadable', () => {
    expect(themeSchema.safeParse({}).success).toBe(true);
    expect(themeSchema.safeParse({ primaryColor: '#005a3c' }).success).toBe(true);
    const yellow = themeSchema.safeParse({ primaryColor: '#ffdd00' });
    expect(yellow.success).toBe(false);
    expect(yellow.error?.issues.map((i) => i.path.join('.'))).toEqual(['primaryColor', 'primaryTextColor']);
    // A light primary colour is fine for the header with dark text, but not for links on white.
    const light = themeSchema.safeParse({ primaryColor: '#ffdd00', primaryTextColor: '#000000' });
    expect(light.error?.issues.map((i) => i.path.join('.'))).toEqual(['primaryColor']);
    expect(light.error?.issues[0]?.message).toMatch(/contrast of 1\.\d\d:1 on white/);
  });
});
