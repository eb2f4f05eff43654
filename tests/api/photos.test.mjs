// Photos: uploads checked by their bytes, served only within scope, and
// referred to by work records.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { login, startServer } from './harness.mjs';
import { activityBody, assertError, assertStatus, createUnion, findOrg, png, uniq } from './util.mjs';

const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

describe('photos', () => {
  let srv, nanan, yuzhong, nananOrg, yuzhongOrg;
  const upload = (client, bytes, type, query = '') =>
    client.raw('POST', `/photos${query}`, { body: bytes, headers: { 'Content-Type': type } });

  before(async () => {
    srv = await startServer();
    nanan = await login(srv.url, 'nanan');
    yuzhong = await login(srv.url, 'yuzhong');
    nananOrg = await findOrg(nanan, '南岸区总工会');
    yuzhongOrg = await findOrg(yuzhong, '渝中区总工会');
  });
  after(async () => { await srv?.stop(); });

  it('a PNG is stored and served back byte for byte with its type', async () => {
    const bytes = png(3, 2);
    const res = await upload(nanan, bytes, 'image/png');
    assertStatus(res, 201, 'upload');
    assert.equal(res.body.content_type, 'image/png');
    assert.equal(res.body.size, bytes.length);
    assert.equal(res.body.org_id, nananOrg.id);
    assert.equal(res.body.url, `/api/v1/photos/${res.body.id}`);
    const got = await fetch(srv.url + res.body.url, { headers: { Cookie: `gonghui_session=${nanan.cookie}` } });
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), bytes);
  });

  it('bytes that are not an image, or do not match the declared type, are refused', async () => {
    assertError(await upload(nanan, Buffer.from('not an image at all'), 'image/png'), 422, 'invalid_argument', 'photo');
    assertError(await upload(nanan, png(), 'image/jpeg'), 422, 'invalid_argument', 'photo');
    assertError(await upload(nanan, JPEG_HEAD, 'image/png'), 422, 'invalid_argument', 'photo');
    assertError(await upload(nanan, Buffer.alloc(0), 'image/png'), 422, 'invalid_argument', 'photo');
  });

  it('over 5 MiB → 413', async () => {
    const big = Buffer.concat([png(), Buffer.alloc(5 * 1024 * 1024)]);
    assertError(await upload(nanan, big, 'image/png'), 413, 'payload_too_large');
  });

  it('an upload needs the CSRF token and a write permission', async () => {
    const res = await nanan.raw('POST', '/photos', {
      body: png(), headers: { 'Content-Type': 'image/png', 'X-CSRF-Token': null },
    });
    assertError(res, 403, 'permission_denied');
    const viewer = await login(srv.url, 'viewer');
    assertError(await upload(viewer, png(), 'image/png'), 403, 'permission_denied');
  });

  it('another district can neither read a photo nor upload into this one', async () => {
    const mine = await upload(nanan, png(), 'image/png');
    assertStatus(mine, 201);
    const other = await fetch(srv.url + mine.body.url, { headers: { Cookie: `gonghui_session=${yuzhong.cookie}` } });
    assert.equal(other.status, 404);
    assertError(await upload(yuzhong, png(), 'image/png', `?org_id=${nananOrg.id}`), 404, 'not_found', 'org_id');
  });

  it('a work record refers to photos in scope and answers them as refs', async () => {
    const p1 = await upload(nanan, png(4, 4), 'image/png');
    const p2 = await upload(nanan, Buffer.concat([JPEG_HEAD, Buffer.alloc(64)]), 'image/jpeg');
    assertStatus(p1, 201);
    assertStatus(p2, 201);
    const res = await nanan.post('/activities', activityBody(nananOrg.id, { photos: [p1.body.id, p2.body.id] }));
    assertStatus(res, 201, 'create with photos');
    assert.deepEqual(res.body.photos.map((p) => [p.id, p.content_type, p.url]), [
      [p1.body.id, 'image/png', p1.body.url],
      [p2.body.id, 'image/jpeg', p2.body.url],
    ]);
    const patched = await nanan.patch(`/activities/${res.body.id}`, { photos: [p2.body.id] });
    assertStatus(patched, 200);
    assert.deepEqual(patched.body.photos.map((p) => p.id), [p2.body.id]);

    const theirs = await upload(yuzhong, png(), 'image/png', `?org_id=${yuzhongOrg.id}`);
    assertStatus(theirs, 201);
    const before = await nanan.get(`/activities?org_id=${nananOrg.id}`);
    const refused = await nanan.post('/activities', activityBody(nananOrg.id, { photos: [p1.body.id, theirs.body.id] }));
    assertError(refused, 422, 'invalid_argument', 'photos[1]');
    const afterList = await nanan.get(`/activities?org_id=${nananOrg.id}`);
    assert.equal(afterList.body.total, before.body.total, 'nothing written');
  });

  it('a photo attached to a lower union\'s record becomes readable by that union', async () => {
    const union = await createUnion(nanan, nananOrg.id);
    const admin = await login(srv.url, 'admin');
    const username = uniq('photo').toLowerCase().replace(/[^a-z0-9]/g, '');
    const created = await admin.post('/users', {
      username: `p${username}`, password: 'photo-pass-1', role: 'viewer', org_id: union.id,
    });
    assertStatus(created, 201, 'user of the lower union');
    const lower = await login(srv.url, `p${username}`, 'photo-pass-1');
    const photo = await upload(nanan, png(), 'image/png'); // owned by 南岸区总工会 at first
    assertStatus(photo, 201);
    const read = () => fetch(srv.url + photo.body.url, { headers: { Cookie: `gonghui_session=${lower.cookie}` } });
    assert.equal((await read()).status, 404, 'not yet readable below the uploader');
    const rec = await nanan.post('/activities', activityBody(union.id, { photos: [photo.body.id] }));
    assertStatus(rec, 201);
    assert.equal((await read()).status, 200, 'readable with the record it belongs to');
  });
});
