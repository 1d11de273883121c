import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningPveSim } from '../../tools/pve-sim/index.ts';
import { call, control, startTestSim } from './helpers.ts';

describe('pve-sim authentication', () => {
  let sim: RunningPveSim;
  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim.stop());

  it('answers a valid token and serves the CA-signed certificate for 127.0.0.1', async () => {
    const answer = await call(sim, 'GET', '/version');
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body?.data as object).sort(), ['release', 'repoid', 'version']);
    assert.match(sim.caPem, /BEGIN CERTIFICATE/);
    assert.match(sim.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 401 No ticket with an empty body when there is no token', async () => {
    const answer = await call(sim, 'GET', '/version', { auth: null });
    assert.equal(answer.status, 401);
    assert.equal(answer.reason, 'No ticket');
    assert.equal(answer.raw, '');
  });

  it('answers 401 Authentication failed! for a wrong secret, an unknown token or a malformed header', async () => {
    for (const auth of [`PVEAPIToken=${sim.tokenId}=wrong`, 'PVEAPIToken=nobody@pve!x=secret', 'PVEAPIToken=garbage']) {
      const answer = await call(sim, 'GET', '/version', { auth });
      assert.equal(answer.status, 401, auth);
      assert.equal(answer.reason, 'Authentication failed!', auth);
      assert.equal(answer.raw, '', auth);
    }
  });

  it('checks authentication before the route exists and before parameters', async () => {
    const unknown = await call(sim, 'GET', '/nodes/pve-sim/nonsense', { auth: `PVEAPIToken=${sim.tokenId}=wrong` });
    assert.equal(unknown.status, 401);
    const invalid = await call(sim, 'POST', '/nodes/pve-sim/qemu/9001/clone', { auth: null, form: { newid: 'x' } });
    assert.equal(invalid.status, 401);
  });

  it('keeps the control API apart: the API token cannot use it, the control token cannot use the API', async () => {
    const withApiToken = await control(sim, 'GET', '/state', undefined, sim.authorization);
    assert.equal(withApiToken.status, 401);
    const withControlToken = await call(sim, 'GET', '/version', { auth: `Bearer ${sim.controlToken}` });
    assert.equal(withControlToken.status, 401);
    assert.equal(withControlToken.reason, 'No ticket');
  });

  it('accepts tokens added at run time through the control API', async () => {
    const added = await control(sim, 'POST', '/tokens', { tokenId: 'ops@pve!extra', secret: 'abc-123' });
    assert.equal(added.status, 200);
    const answer = await call(sim, 'GET', '/version', { auth: 'PVEAPIToken=ops@pve!extra=abc-123' });
    assert.equal(answer.status, 200);
  });
});
