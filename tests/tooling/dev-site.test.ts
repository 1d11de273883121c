import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { devSiteName } from '../../tools/wp-stack/dev-site.ts';
import { PrerequisiteError } from '../../tools/wp-stack/prerequisite-error.ts';

describe('the dev site is unique per clone (tools/wp-stack/dev-site.ts)', () => {
  it('two clones on one machine get different names, one clone always the same', () => {
    const first = devSiteName('/home/ana/portal', {});
    const second = devSiteName('/home/ana/portal-review', {});
    assert.match(first, /^dev_[0-9a-f]{8}$/);
    assert.notEqual(first, second);
    assert.equal(devSiteName('/home/ana/portal', {}), first);
  });

  it('SPP_DEV_SITE names it instead, and must be a valid database suffix', () => {
    assert.equal(devSiteName('/home/ana/portal', { SPP_DEV_SITE: 'demo_1' }), 'demo_1');
    assert.throws(() => devSiteName('/home/ana/portal', { SPP_DEV_SITE: 'x`; DROP' }), PrerequisiteError);
    assert.throws(() => devSiteName('/home/ana/portal', { SPP_DEV_SITE: '' }), /SPP_DEV_SITE must be 1 to 48/);
  });
});
