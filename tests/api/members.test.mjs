// Members (SPEC §3.7, docs/api.md "Members"): GB 11643 ID numbers, derived
// gender and birth date, PII masking, transfers, children.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { login, run, startServer } from './harness.mjs';
import {
  assertError, assertStatus, badIdNumber, count, createUnion, findOrg, idCheckDigit, idNumber,
  memberBody, randomPhone, uniq,
} from './util.mjs';

let srv;
let admin;
let nanan;
let nananOrg;
let u1;
let u2;

const TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const maskId = (s) => s.slice(0, 6) + '********' + s.slice(14);
const maskPhone = (s) => s.slice(0, 3) + '****' + s.slice(7);

before(async () => {
  srv = await startServer();
  admin = await login(srv.url, 'admin');
  nanan = await login(srv.url, 'nanan');
  nananOrg = await findOrg(admin, '南岸区总工会');
  u1 = await createUnion(nanan, nananOrg.id, uniq('南岸会员测试工会甲'));
  u2 = await createUnion(nanan, nananOrg.id, uniq('南岸会员测试工会乙'));
});

after(async () => {
  await srv?.stop();
});

async function create(client, over = {}) {
  const body = memberBody(u1.id, over);
  const res = await client.post('/members', body);
  assertStatus(res, 201, 'POST /members');
  return { body, res, member: res.body };
}

describe('ID numbers', () => {
  it('a valid male ID number gives gender male and the birth date', async () => {
    const idn = idNumber({ birth: '1990-03-07', male: true });
    const { member, body } = await create(admin, { id_number: idn });
    assert.equal(typeof member.id, 'number');
    assert.equal(member.gender, 'male');
    assert.equal(member.birth_date, '1990-03-07');
    assert.equal(member.name, body.name);
    assert.equal(member.org_id, u1.id);
    assert.equal(member.employer, body.employer);
    assert.equal(member.join_date, '2020-01-01');
    assert.equal(member.status, 'active', 'status defaults to active');
    assert.equal(member.id_number, idn, 'admin sees the full number');
    assert.match(member.created_at, TS);
    assert.match(member.updated_at, TS);
  });

  it('a valid female ID number gives gender female', async () => {
    const idn = idNumber({ birth: '1985-12-31', male: false });
    const { member } = await create(admin, { id_number: idn });
    assert.equal(member.gender, 'female');
    assert.equal(member.birth_date, '1985-12-31');
  });

  it('an ID number whose check digit is X is accepted', async () => {
    let idn;
    do { idn = idNumber({ birth: '1978-06-15', male: true }); } while (!idn.endsWith('X'));
    const { member } = await create(admin, { id_number: idn });
    assert.equal(member.id_number, idn);
    assert.equal(member.birth_date, '1978-06-15');
  });

  it('a wrong check digit → 422 field id_number, nothing written', async () => {
    const name = uniq('校验位错误');
    const bad = badIdNumber(idNumber({ birth: '1992-08-08' }));
    const res = await nanan.post('/members', memberBody(u1.id, { name, id_number: bad }));
    assertError(res, 422, 'invalid_argument', 'id_number');
    assert.equal(await count(admin, `/members?q=${encodeURIComponent(name)}`), 0);
  });

  it('an impossible birth date with a correct check digit → 422 id_number', async () => {
    const first17 = '500108' + '19900230' + '123';
    const res = await nanan.post('/members', memberBody(u1.id, { id_number: first17 + idCheckDigit(first17) }));
    assertError(res, 422, 'invalid_argument', 'id_number');
  });

  it('a wrong length or non-digits → 422 id_number', async () => {
    const idn = idNumber();
    for (const bad of [idn.slice(0, 17), idn + '1', 'ABCDEFGHIJKLMNOPQR', '']) {
      const res = await nanan.post('/members', memberBody(u1.id, { id_number: bad }));
      assertError(res, 422, 'invalid_argument', 'id_number');
    }
  });

  it('the same ID number twice in the same union → 409 already_exists', async () => {
    const idn = idNumber({ birth: '1991-01-01' });
    await create(nanan, { id_number: idn });
    const res = await nanan.post('/members', memberBody(u1.id, { id_number: idn }));
    assertError(res, 409, 'already_exists');
  });
});

describe('PII masking', () => {
  let idn;
  let phone;
  let member;
  before(async () => {
    idn = idNumber({ birth: '1988-04-12' });
    phone = randomPhone();
    ({ member } = await create(nanan, { id_number: idn, phone, name: uniq('脱敏测试') }));
  });

  it('nanan (no member:pii:read) sees masked values in the create answer', () => {
    assert.equal(member.id_number, maskId(idn));
    assert.match(member.id_number, /^500108\*{8}\d{3}[\dX]$/);
    assert.equal(member.phone, maskPhone(phone));
    assert.match(member.phone, /^138\*{4}\d{4}$/);
    assert.equal(member.gender, 'male');
    assert.equal(member.birth_date, '1988-04-12', 'derived birth date is still shown');
  });

  it('nanan sees masked values in the detail', async () => {
    const res = await nanan.get(`/members/${member.id}`);
    assertStatus(res, 200);
    assert.equal(res.body.id_number, maskId(idn));
    assert.equal(res.body.phone, maskPhone(phone));
    assert.ok(!res.text.includes(idn) && !res.text.includes(phone), 'full values nowhere in the answer');
  });

  it('nanan sees masked values in the list', async () => {
    const res = await nanan.get(`/members?q=${encodeURIComponent(member.name)}`);
    assertStatus(res, 200);
    assert.equal(res.body.total, 1);
    const m = res.body.items[0];
    assert.equal(m.id, member.id);
    assert.equal(m.id_number, maskId(idn));
    assert.equal(m.phone, maskPhone(phone));
    assert.ok(!res.text.includes(idn) && !res.text.includes(phone));
  });

  it('admin (member:pii:read) sees them in full in the detail and the list', async () => {
    const d = await admin.get(`/members/${member.id}`);
    assertStatus(d, 200);
    assert.equal(d.body.id_number, idn);
    assert.equal(d.body.phone, phone);
    const l = await admin.get(`/members?q=${encodeURIComponent(member.name)}`);
    assertStatus(l, 200);
    assert.equal(l.body.items.length, 1);
    assert.equal(l.body.items[0].id_number, idn);
    assert.equal(l.body.items[0].phone, phone);
  });

  it('a PATCH by nanan does not overwrite the stored number with the mask', async () => {
    const res = await nanan.patch(`/members/${member.id}`, { employer: '重庆脱敏测试公司' });
    assertStatus(res, 200);
    assert.equal(res.body.id_number, maskId(idn));
    const d = await admin.get(`/members/${member.id}`);
    assert.equal(d.body.id_number, idn);
    assert.equal(d.body.phone, phone);
    assert.equal(d.body.employer, '重庆脱敏测试公司');
  });

  it('the ID number is not stored in clear text anywhere in the database', async () => {
    let dump;
    if (srv.dbPath) {
      dump = await run('sqlite3', [srv.dbPath, '.dump']);
    } else {
      dump = await run('pg_dump', ['--data-only', '-d', srv.dbUrl], { timeoutMs: 120_000 });
    }
    assert.equal(dump.code, 0, `dump failed: ${dump.stderr}`);
    assert.ok(dump.stdout.length > 1000, 'the dump has content');
    assert.ok(dump.stdout.includes(member.name), 'the member row is in the dump (control)');
    assert.ok(!dump.stdout.includes(idn), 'the ID number appears in clear text in the database');
  });
});

describe('fields', () => {
  it('children are saved and returned', async () => {
    const children = [
      { name: '张小三', birth_date: '2016-05-01' },
      { name: '张小四', birth_date: '2019-11-30' },
    ];
    const { member } = await create(nanan, { children });
    assert.deepEqual(member.children.map((c) => ({ name: c.name, birth_date: c.birth_date })), children);
    const got = await nanan.get(`/members/${member.id}`);
    assertStatus(got, 200);
    assert.deepEqual(got.body.children.map((c) => ({ name: c.name, birth_date: c.birth_date })), children);
  });

  it('a child with a bad birth date → 422 and the member is not created', async () => {
    const name = uniq('子女错误');
    const res = await nanan.post('/members', memberBody(u1.id, {
      name, children: [{ name: '李小一', birth_date: '2016-05-01' }, { name: '李小二', birth_date: '2016-13-45' }],
    }));
    assertError(res, 422, 'invalid_argument');
    assert.match(res.body.error.field, /children/);
    assert.equal(await count(admin, `/members?q=${encodeURIComponent(name)}`), 0, 'nothing half-written');
  });

  it('tags and status are saved, and filter the list', async () => {
    const name = uniq('标签测试');
    const { member } = await create(nanan, { name, tags: ['new_employment', 'migrant_worker'], status: 'suspended' });
    assert.deepEqual([...member.tags].sort(), ['migrant_worker', 'new_employment']);
    assert.equal(member.status, 'suspended');
    const byTag = await nanan.get(`/members?org_id=${u1.id}&tag=migrant_worker&page_size=200`);
    assertStatus(byTag, 200);
    assert.ok(byTag.body.items.some((m) => m.id === member.id));
    for (const m of byTag.body.items) assert.ok(m.tags.includes('migrant_worker'), `tag filter leaked ${m.id}`);
    const byOtherTag = await nanan.get(`/members?org_id=${u1.id}&tag=model_worker&page_size=200`);
    assert.ok(!byOtherTag.body.items.some((m) => m.id === member.id));
    const byStatus = await nanan.get(`/members?org_id=${u1.id}&status=suspended&page_size=200`);
    assert.ok(byStatus.body.items.some((m) => m.id === member.id));
    for (const m of byStatus.body.items) assert.equal(m.status, 'suspended');
    const active = await nanan.get(`/members?org_id=${u1.id}&status=active&page_size=200`);
    assert.ok(!active.body.items.some((m) => m.id === member.id));
  });

  it('q is the start of a name (listed by name) or a whole ID number', async () => {
    const stem = uniq('检索');
    const idn = idNumber();
    // 丙 (U+4E19) < 乙 (U+4E59) < 甲 (U+7532), made in neither that order nor its reverse.
    const { member: b } = await create(nanan, { name: `${stem}乙`, id_number: idn });
    const { member: a } = await create(nanan, { name: `${stem}甲` });
    const { member: c } = await create(nanan, { name: `${stem}丙` });
    await create(nanan, { name: `前${stem}` });
    const res = await nanan.get(`/members?q=${encodeURIComponent(stem)}`);
    assertStatus(res, 200);
    assert.deepEqual(res.body.items.map((m) => m.id), [c.id, b.id, a.id], 'the names starting with it, by name');
    assert.equal(res.body.total, 3);
    assert.equal(res.body.total_capped, false);
    const inside = await nanan.get(`/members?q=${encodeURIComponent(stem.slice(2))}`);
    assert.deepEqual(inside.body.items.map((m) => m.id), [], 'the middle of a name is not its start');
    const byId = await nanan.get(`/members?q=${idn}`);
    assert.deepEqual(byId.body.items.map((m) => m.id), [b.id], 'a whole ID number finds its member');
    const other = await nanan.get(`/members?q=${idNumber()}`);
    assert.equal(other.body.total, 0);
  });

  it('a search counts its matches up to 200 and says so', async () => {
    const stem = uniq('二百');
    const u = await createUnion(nanan, nananOrg.id, uniq('南岸二百人工会'));
    for (let i = 0; i < 201; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, 201 - i) }, (_, k) =>
        nanan.post('/members', memberBody(u.id, { name: `${stem}${String(i + k).padStart(3, '0')}` }))
          .then((r) => assertStatus(r, 201))));
    }
    const many = await nanan.get(`/members?q=${encodeURIComponent(stem)}&page=10&page_size=20`);
    assertStatus(many, 200);
    assert.equal(many.body.total, 200);
    assert.equal(many.body.total_capped, true);
    assert.equal(many.body.items[19].name, `${stem}199`, 'listed by name');
    const past = await nanan.get(`/members?q=${encodeURIComponent(stem)}&page=11&page_size=20`);
    assert.deepEqual(past.body.items.map((m) => m.name), [`${stem}200`], 'the pages go on past the count');
    const exact = await nanan.get(`/members?q=${encodeURIComponent(`${stem}00`)}`);
    assert.equal(exact.body.total, 10);
    assert.equal(exact.body.total_capped, false);
    // Without a search the count is exact, from the per-subtree counts.
    assert.equal(await count(nanan, `/members?org_id=${u.id}`), 201);
    assert.equal(await count(nanan, `/members?org_id=${u.id}&tag=model_worker`), 0);
  });

  it('a tag filter counts from the per-subtree counts, with or without a status', async () => {
    const u = await createUnion(nanan, nananOrg.id, uniq('南岸标签工会'));
    const tagged = [['model_worker'], ['model_worker', 'in_hardship'], ['in_hardship'], []];
    for (const [i, tags] of tagged.entries()) {
      assertStatus(await nanan.post('/members', memberBody(u.id, { tags, status: i === 1 ? 'left' : 'active' })), 201);
    }
    assert.equal(await count(nanan, `/members?org_id=${u.id}&tag=model_worker`), 2);
    assert.equal(await count(nanan, `/members?org_id=${u.id}&tag=in_hardship`), 2);
    assert.equal(await count(nanan, `/members?org_id=${u.id}&tag=in_hardship&status=active`), 1);
    assert.equal(await count(nanan, `/members?org_id=${u.id}&tag=new_employment`), 0);
    const list = await nanan.get(`/members?org_id=${u.id}&tag=model_worker&status=left`);
    assert.equal(list.body.total, 1);
    assert.equal(list.body.items.length, 1);
    // An edit moves the member between the counts.
    const first = (await nanan.get(`/members?org_id=${u.id}&tag=in_hardship&status=active`)).body.items[0];
    assertStatus(await nanan.patch(`/members/${first.id}`, { tags: ['model_worker'] }), 200);
    assert.equal(await count(nanan, `/members?org_id=${u.id}&tag=model_worker`), 3);
    assert.equal(await count(nanan, `/members?org_id=${u.id}&tag=in_hardship`), 1);
  });

  it('q=% and q=_ are literal, not wildcards', async () => {
    for (const q of ['%', '_']) {
      const res = await nanan.get(`/members?q=${encodeURIComponent(q)}&page_size=200`);
      assertStatus(res, 200);
      const wrong = res.body.items.filter((m) => !m.name.includes(q) && !(m.employer ?? '').includes(q)).map((m) => m.name);
      assert.deepEqual(wrong, [], `q=${q} matched members without ${q}`);
    }
  });

  it('an unknown tag or status → 422 naming the field', async () => {
    const t = await nanan.post('/members', memberBody(u1.id, { tags: ['not_a_tag'] }));
    assertError(t, 422, 'invalid_argument');
    assert.match(t.body.error.field, /^tags/);
    assertError(await nanan.post('/members', memberBody(u1.id, { status: 'dead' })), 422, 'invalid_argument', 'status');
  });

  it('PATCH of id_number re-derives gender and birth date', async () => {
    const { member } = await create(admin, { id_number: idNumber({ birth: '1980-01-02', male: true }) });
    const idn = idNumber({ birth: '1995-07-08', male: false });
    const res = await admin.patch(`/members/${member.id}`, { id_number: idn });
    assertStatus(res, 200);
    assert.equal(res.body.id_number, idn);
    assert.equal(res.body.gender, 'female');
    assert.equal(res.body.birth_date, '1995-07-08');
    const bad = await admin.patch(`/members/${member.id}`, { id_number: badIdNumber(idn) });
    assertError(bad, 422, 'invalid_argument', 'id_number');
    assert.equal((await admin.get(`/members/${member.id}`)).body.id_number, idn);
  });

  it('sending the masked number back in a PATCH never stores the mask', async () => {
    const idn = idNumber();
    const { member } = await create(nanan, { id_number: idn });
    const res = await nanan.patch(`/members/${member.id}`, { id_number: member.id_number, name: member.name });
    if (res.status !== 200) assertError(res, 422, 'invalid_argument', 'id_number');
    assert.equal((await admin.get(`/members/${member.id}`)).body.id_number, idn);
  });

  it('PATCH may not change org_id', async () => {
    const { member } = await create(nanan);
    const res = await nanan.patch(`/members/${member.id}`, { org_id: u2.id });
    assertError(res, 422, 'invalid_argument', 'org_id');
    assert.equal((await nanan.get(`/members/${member.id}`)).body.org_id, u1.id);
  });
});

describe('transfers', () => {
  it('transfer between two unions within 南岸区 keeps history', async () => {
    const { member } = await create(nanan);
    const t1 = await nanan.post(`/members/${member.id}/transfer`, { to_org_id: u2.id, reason: '工作调动' });
    assertStatus(t1, 200, 'transfer');
    assert.equal(t1.body.id, member.id);
    assert.equal(t1.body.org_id, u2.id);
    assert.equal((await nanan.get(`/members/${member.id}`)).body.org_id, u2.id);

    const t2 = await nanan.post(`/members/${member.id}/transfer`, { to_org_id: u1.id, reason: '回原单位' });
    assertStatus(t2, 200, 'transfer back');
    assert.equal(t2.body.org_id, u1.id);

    const res = await nanan.get(`/members/${member.id}/transfers`);
    assertStatus(res, 200);
    const items = res.body.items;
    assert.equal(items.length, 2);
    const first = items.find((x) => x.to_org_id === u2.id);
    const second = items.find((x) => x.to_org_id === u1.id);
    assert.ok(first && second, JSON.stringify(items));
    assert.equal(first.from_org_id, u1.id);
    assert.equal(first.reason, '工作调动');
    assert.equal(first.user_id, nanan.me.user.id);
    assert.match(first.at, TS);
    assert.equal(second.from_org_id, u2.id);
    assert.equal(second.reason, '回原单位');
    assert.ok(first.at <= second.at, 'timestamps in order');
  });

  it('the member keeps its other fields across a transfer', async () => {
    const { member } = await create(admin, { children: [{ name: '王小明', birth_date: '2018-02-03' }], tags: ['model_worker'] });
    const t = await admin.post(`/members/${member.id}/transfer`, { to_org_id: u2.id });
    assertStatus(t, 200);
    for (const k of ['name', 'id_number', 'phone', 'gender', 'birth_date', 'employer', 'join_date', 'status', 'tags', 'children']) {
      assert.deepEqual(t.body[k], member[k], `${k} kept`);
    }
  });

  it('a transfer to an org that does not exist → 404 or 422, nothing recorded', async () => {
    const { member } = await create(nanan);
    const res = await nanan.post(`/members/${member.id}/transfer`, { to_org_id: 999999999 });
    assertError(res, [404, 422]);
    assert.equal((await nanan.get(`/members/${member.id}`)).body.org_id, u1.id);
    assert.equal((await nanan.get(`/members/${member.id}/transfers`)).body.items.length, 0);
  });

  it('the transfer shows in the list of the new union, not the old', async () => {
    const { member } = await create(nanan);
    assertStatus(await nanan.post(`/members/${member.id}/transfer`, { to_org_id: u2.id }), 200);
    const inU2 = await nanan.get(`/members?org_id=${u2.id}&q=${encodeURIComponent(member.name)}`);
    assert.equal(inU2.body.total, 1);
    const inU1 = await nanan.get(`/members?org_id=${u1.id}&q=${encodeURIComponent(member.name)}`);
    assert.equal(inU1.body.total, 0);
  });
});
