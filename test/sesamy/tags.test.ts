// Sesamy's tag rules (its "Integration Concepts" page, "Sesamy Tags"), as a table of
// cases: each pattern with the page's own example, then slugs, truncation to 99
// characters, and duplicates removed after truncation.
import { MAX_TAG_LENGTH, sesamyTags, slugify, type TagFacts } from '../../sesamy/tags.ts';

describe('sesamyTags', () => {
  it.each<[string, TagFacts, string[]]>([
    ['no facts', {}, []],
    ['an active subscriber', { activeSubscriber: true }, ['sesamy_active_subscriber']],
    ['an overdue contract', { overdueContract: true }, ['sesamy_overdue_contract']],
    ['external access', { externalAccess: true }, ['sesamy_has_external_access']],
    ['a gifted subscription', { giftedSubscription: true }, ['sesamy_has_gifted_subscription']],
    ['a single purchase', { singlePurchase: true }, ['sesamy_made_single_purchase']],
    [
      'an active entitlement (the page’s example)',
      { activeEntitlements: [{ productType: 'publication', title: 'Premium Magazine' }] },
      ['sesamy_active_entitlement_publication-premium-magazine'],
    ],
    [
      'an active SKU with its purchase option (the page’s examples)',
      { activeSkus: [{ sku: 'mag-001', purchaseOptionId: 'po-123' }] },
      ['sesamy_active_sku_mag-001', 'sesamy_active_sku_po_mag-001-po-123'],
    ],
    [
      'an active SKU without a purchase option',
      { activeSkus: [{ sku: 'mag-001', purchaseOptionId: null }] },
      ['sesamy_active_sku_mag-001'],
    ],
    ['a custom tag (the page’s example)', { customTags: ['vip'] }, ['sesamy_tag_vip']],
    [
      'custom tags that slugify',
      { customTags: ['VIP', 'Early Bird', 'Göteborg Nyheter'] },
      ['sesamy_tag_vip', 'sesamy_tag_early-bird', 'sesamy_tag_goteborg-nyheter'],
    ],
    ['custom tags that slugify to nothing', { customTags: ['', '!!!', '🎉'] }, []],
    ['the same tag twice', { customTags: ['VIP', 'vip', ' V.I.P '] }, ['sesamy_tag_vip', 'sesamy_tag_v-i-p']],
    [
      'every fact at once, in the page’s order',
      {
        activeSubscriber: true,
        overdueContract: true,
        externalAccess: true,
        giftedSubscription: true,
        singlePurchase: true,
        activeEntitlements: [{ productType: 'bundle', title: 'Yearly subscription' }],
        activeSkus: [{ sku: '123-xyz', purchaseOptionId: 'xyz-567' }],
        customTags: ['tagOne'],
      },
      [
        'sesamy_active_subscriber',
        'sesamy_overdue_contract',
        'sesamy_has_external_access',
        'sesamy_has_gifted_subscription',
        'sesamy_made_single_purchase',
        'sesamy_active_entitlement_bundle-yearly-subscription',
        'sesamy_active_sku_123-xyz',
        'sesamy_active_sku_po_123-xyz-xyz-567',
        'sesamy_tag_tagone',
      ],
    ],
  ])('%s', (_case, facts, tags) => {
    expect(sesamyTags(facts)).toEqual(tags);
  });

  it('cuts a tag to 99 characters', () => {
    const title = 'The Complete and Unabridged Archive of Every Issue Ever Printed Since the Founding of the Paper in 1884';
    const [tag] = sesamyTags({ activeEntitlements: [{ productType: 'publication', title }] });

    expect(tag).toBe('sesamy_active_entitlement_publication-the-complete-and-unabridged-archive-of-every-issue-ever-print');
    expect(tag).toHaveLength(MAX_TAG_LENGTH);
  });

  it('removes duplicates after cutting: two titles alike in their first 99 characters give one tag', () => {
    const stem = 'x'.repeat(120);

    expect(sesamyTags({ customTags: [`${stem}-one`, `${stem}-two`] })).toEqual([`sesamy_tag_${'x'.repeat(88)}`]);
  });
});

describe('slugify', () => {
  it.each([
    ['Premium Magazine', 'premium-magazine'],
    ['mag-001', 'mag-001'],
    ['  Göteborgs-Posten  ', 'goteborgs-posten'],
    ['Crème Brûlée & Co.', 'creme-brulee-co'],
    ['physical_issue', 'physical-issue'],
    ['ÅÄÖ åäö', 'aao-aao'],
    ['---', ''],
  ])('%p → %p', (value, slug) => {
    expect(slugify(value)).toBe(slug);
  });
});
