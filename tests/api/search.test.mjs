// Full-text search (SPEC §3.2, docs/api.md "Search"): work records created here with words the
// demo data never uses, found by two-, three- and four-character words within the caller's
// subtree only, ranked title first then newest, highlighted, paged, and kept exact on edit,
// delete and org moves. Runs on SQLite, or on PostgreSQL with GONGHUI_TEST_PG.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, login, startServer } from './harness.mjs';
import { activityBody, assertError, assertStatus, createUnion, findOrg, uniq } from './util.mjs';

let srv;
let admin;
let nanan;
let yuzhong;
let nananOrg;
let yuzhongOrg;
// Work records: nanan's title match (older), nanan's body match (newer), yuzhong's title match.
let nTitle;
let nBody;
let yTitle;

async function record(client, orgId, over) {
  const res = await client.post('/activities', activityBody(orgId, over));
  assertStatus(res, 201, 'POST /activities');
  return res.body;
}

async function search(client, q, extra = '') {
  const res = await client.get(`/search?q=${encodeURIComponent(q)}${extra}`);
  assertStatus(res, 200, `GET /search?q=${q}`);
  assert.ok(Array.isArray(res.body.items), 'items is an array');
  assert.equal(typeof res.body.total, 'number');
  assert.equal(typeof res.body.total_capped, 'boolean');
  return res.body;
}

// The activity ids a search answers, in order (every hit here is a work record).
async function ids(client, q, extra = '') {
  const body = await search(client, q, `&page_size=200${extra}`);
  for (const hit of body.items) assert.equal(hit.kind, 'activity', `${q}: only work records carry these words`);
  assert.equal(body.total, body.items.length, `${q}: total counts the hits`);
  return body.items.map((h) => h.id);
}

before(async () => {
  srv = await startServer();
  admin = await login(srv.url, 'admin');
  nanan = await login(srv.url, 'nanan');
  yuzhong = await login(srv.url, 'yuzhong');
  nananOrg = await findOrg(admin, '南岸区总工会');
  yuzhongOrg = await findOrg(admin, '渝中区总工会');
  nTitle = await record(nanan, nananOrg.id, {
    title: '南岸区启动鲲鹏计划', start_date: '2024-06-01', end_date: '2024-06-01',
    body: '举办<醍醐灌顶>讲座 & 饕餮宴，服务外卖骑手。', places: ['职工之家'],
  });
  nBody = await record(nanan, nananOrg.id, {
    title: '南岸区职工文化活动', start_date: '2024-07-01', end_date: '2024-07-01',
    body: '本次活动推进鲲鹏计划落地。',
  });
  yTitle = await record(yuzhong, yuzhongOrg.id, {
    title: '渝中区鲲鹏计划推进会', start_date: '2024-08-01', end_date: '2024-08-01',
    body: '参会人员讨论饕餮宴筹备。',
  });
});

after(async () => {
  await srv?.stop();
});

describe('words of any length within the subtree', () => {
  it('a two-character word: title matches first, then newer body matches', async () => {
    assert.deepEqual(await ids(nanan, '鲲鹏'), [nTitle.id, nBody.id], 'nanan: its own two, title first');
    assert.deepEqual(await ids(yuzhong, '鲲鹏'), [yTitle.id], 'yuzhong sees only its own');
    assert.deepEqual(await ids(admin, '鲲鹏'), [yTitle.id, nTitle.id, nBody.id],
      'admin: both title matches newest first, then the body match');
  });

  it('a three-character word', async () => {
    assert.deepEqual(await ids(nanan, '饕餮宴'), [nTitle.id]);
    assert.deepEqual(await ids(yuzhong, '饕餮宴'), [yTitle.id]);
    assert.deepEqual(await ids(admin, '饕餮宴'), [yTitle.id, nTitle.id], 'both in the body: newest first');
  });

  it('a four-character word', async () => {
    assert.deepEqual(await ids(nanan, '醍醐灌顶'), [nTitle.id]);
    assert.deepEqual(await ids(yuzhong, '醍醐灌顶'), []);
  });

  it('places are searchable with the record', async () => {
    assert.deepEqual(await ids(nanan, '鲲鹏 职工之家'), [nTitle.id]);
  });

  it('characters that are not adjacent do not match', async () => {
    assert.deepEqual(await ids(admin, '鲲计'), []);
    assert.deepEqual(await ids(admin, '鹏鲲'), []);
  });

  it('words separated by spaces must all match', async () => {
    assert.deepEqual(await ids(admin, '鲲鹏 饕餮宴'), [yTitle.id, nTitle.id]);
    assert.deepEqual(await ids(admin, '鲲鹏\u3000渝中区'), [yTitle.id], 'an ideographic space separates too');
    assert.deepEqual(await ids(admin, '鲲鹏 醍醐灌顶 南岸区'), [nTitle.id]);
    assert.deepEqual(await ids(admin, '鲲鹏 不存在的词'), []);
  });

  it('punctuation around a word is ignored', async () => {
    assert.deepEqual(await ids(nanan, '“鲲鹏”，'), [nTitle.id, nBody.id]);
  });

  it('each hit names its record, date and org', async () => {
    const body = await search(nanan, '醍醐灌顶');
    assert.equal(body.items.length, 1);
    const hit = body.items[0];
    assert.deepEqual(Object.keys(hit).sort(),
      ['date', 'id', 'kind', 'org_id', 'org_name', 'snippet_html', 'title', 'title_html']);
    assert.equal(hit.kind, 'activity');
    assert.equal(hit.id, nTitle.id);
    assert.equal(hit.title, nTitle.title);
    assert.equal(hit.date, '2024-06-01');
    assert.equal(hit.org_id, nananOrg.id);
    assert.equal(hit.org_name, '南岸区总工会');
    assert.equal(body.total_capped, false);
    const got = await nanan.get(`/activities/${hit.id}`);
    assertStatus(got, 200, 'the hit opens');
  });
});

describe('highlighting', () => {
  it('marks the word in the title and escapes the rest', async () => {
    const [hit] = (await search(nanan, '鲲鹏')).items;
    assert.equal(hit.title_html, '南岸区启动<mark>鲲鹏</mark>计划');
  });

  it('the snippet marks body matches and escapes HTML', async () => {
    const [hit] = (await search(nanan, '醍醐灌顶 饕餮宴')).items;
    assert.equal(hit.snippet_html,
      '举办&lt;<mark>醍醐灌顶</mark>&gt;讲座 &amp; <mark>饕餮宴</mark>，服务外卖骑手。 职工之家');
    assert.equal(hit.title_html, '南岸区启动鲲鹏计划', 'nothing to mark in the title');
  });

  it('a title with markup comes back escaped, the match marked inside', async () => {
    const a = await record(nanan, nananOrg.id, { title: '<b>"麒麟"</b> & 麒麟', start_date: '2023-01-01' });
    const body = await search(nanan, '麒麟');
    assert.equal(body.items.length, 1);
    assert.equal(body.items[0].id, a.id);
    assert.equal(body.items[0].title, '<b>"麒麟"</b> & 麒麟');
    assert.equal(body.items[0].title_html, '&lt;b&gt;&quot;<mark>麒麟</mark>&quot;&lt;/b&gt; &amp; <mark>麒麟</mark>');
    assertStatus(await nanan.del(`/activities/${a.id}`), 204, 'clean up');
  });

  it('a snippet of a long body is cut around the first match', async () => {
    const body = '前'.repeat(300) + '凤凰涅槃' + '后'.repeat(300);
    const a = await record(nanan, nananOrg.id, { title: uniq('长正文'), body, start_date: '2023-02-01' });
    const [hit] = (await search(nanan, '凤凰涅槃')).items;
    assert.equal(hit.id, a.id);
    assert.ok(hit.snippet_html.startsWith('…前'), hit.snippet_html);
    assert.ok(hit.snippet_html.endsWith('后…'), hit.snippet_html);
    const text = hit.snippet_html.replace(/<\/?mark>/g, '').replaceAll('…', '');
    assert.ok(text.length >= 80 && text.length <= 120, `snippet of ${text.length} characters`);
    assert.ok(hit.snippet_html.includes('<mark>凤凰涅槃</mark>'));
    assertStatus(await nanan.del(`/activities/${a.id}`), 204, 'clean up');
  });

  it('Latin words match whatever their case and width', async () => {
    const a = await record(nanan, nananOrg.id, { title: uniq('推广') + '，ＸＹＺＡＰＰ和XyzApp', start_date: '2023-03-01' });
    const [hit] = (await search(nanan, 'xyzapp')).items;
    assert.equal(hit.id, a.id);
    assert.match(hit.title_html, /，<mark>ＸＹＺＡＰＰ<\/mark>和<mark>XyzApp<\/mark>$/);
    assertStatus(await nanan.del(`/activities/${a.id}`), 204, 'clean up');
  });
});

describe('pages', () => {
  let made;
  before(async () => {
    made = [];
    for (let i = 0; i < 5; i++) {
      const day = `2022-03-0${i + 1}`;
      // Titles hold the word on even days; odd days only in the body.
      made.push(await record(nanan, nananOrg.id, i % 2 === 0
        ? { title: `貔貅阁第${i}期`, start_date: day }
        : { title: `读书会第${i}期`, body: '地点：貔貅阁', start_date: day }));
    }
  });

  it('all five, titles first, each group newest first', async () => {
    const want = [made[4].id, made[2].id, made[0].id, made[3].id, made[1].id];
    assert.deepEqual(await ids(nanan, '貔貅阁'), want);
  });

  it('page by page gives the same order without repeats', async () => {
    const all = await ids(nanan, '貔貅阁');
    const seen = [];
    for (let page = 1; page <= 3; page++) {
      const body = await search(nanan, '貔貅阁', `&page=${page}&page_size=2`);
      assert.equal(body.total, 5);
      assert.equal(body.page, page);
      assert.equal(body.page_size, 2);
      assert.equal(body.items.length, page < 3 ? 2 : 1);
      seen.push(...body.items.map((h) => h.id));
    }
    assert.deepEqual(seen, all);
    const past = await search(nanan, '貔貅阁', '&page=4&page_size=2');
    assert.deepEqual(past.items, []);
    assert.equal(past.total, 5);
  });

  it('a page starting inside the body matches (past every title match)', async () => {
    const body = await search(nanan, '貔貅阁', '&page=2&page_size=3');
    assert.deepEqual(body.items.map((h) => h.id), [made[3].id, made[1].id]);
  });
});

describe('a word in every demo record', () => {
  // Every demo work record's body says 职工 (the small data set holds 20,000).
  it('total stops at 1,000 with total_capped, and pages past it are empty', async () => {
    const first = await search(admin, '职工', '&page_size=50');
    assert.equal(first.total, 1000);
    assert.equal(first.total_capped, true);
    assert.equal(first.items.length, 50);
    const last = await search(admin, '职工', '&page=20&page_size=50');
    assert.equal(last.items.length, 50, 'results 951–1000');
    const past = await search(admin, '职工', '&page=21&page_size=50');
    assert.deepEqual(past.items, []);
    assert.equal(past.total, 1000);
    assert.equal(past.total_capped, true);
  });

  it('a subtree: title matches first, each group newest first, then kind and id', async () => {
    const hits = [];
    let total;
    for (let page = 1; page <= 10; page++) {
      const body = await search(nanan, '职工', `&page=${page}&page_size=200`);
      total = body.total;
      hits.push(...body.items);
      if (body.items.length < 200) break;
    }
    assert.equal(totalCountsHits(total, hits.length), true, `total ${total} counts the ${hits.length} hits`);
    const inTitle = hits.map((h) => h.title_html.includes('<mark>'));
    const firstBody = inTitle.indexOf(false);
    assert.ok(firstBody > 0, 'some titles and some bodies match');
    assert.ok(inTitle.slice(firstBody).every((t) => !t), 'no title match after the first body match');
    const order = { activity: 0, bulletin: 1, news: 2 };
    for (const group of [hits.slice(0, firstBody), hits.slice(firstBody)]) {
      for (let i = 1; i < group.length; i++) {
        const a = group[i - 1];
        const b = group[i];
        const ok = a.date > b.date || (a.date === b.date &&
          (order[a.kind] < order[b.kind] || (a.kind === b.kind && a.id > b.id)));
        assert.ok(ok, `ranked: ${JSON.stringify(a)} before ${JSON.stringify(b)}`);
      }
    }
    const seen = new Set(hits.map((h) => `${h.kind}/${h.id}`));
    assert.equal(seen.size, hits.length, 'no hit twice across pages');
  });
});

// The total is exact below the cap.
function totalCountsHits(total, n) {
  return total < 1000 ? total === n : n === 1000;
}

describe('kinds and permissions', () => {
  it('kind=activity keeps work records, kind=news finds none of them', async () => {
    assert.deepEqual(await ids(admin, '鲲鹏', '&kind=activity'), [yTitle.id, nTitle.id, nBody.id]);
    assert.deepEqual((await search(admin, '鲲鹏', '&kind=news')).items, []);
    assert.deepEqual((await search(admin, '鲲鹏', '&kind=bulletin')).items, []);
  });

  it('an unknown kind → 422 naming kind', async () => {
    assertError(await admin.get('/search?q=%E9%B2%B2&kind=member'), 422, 'invalid_argument', 'kind');
  });

  it('signed-out → 401', async () => {
    assertError(await anonymous(srv.url).get('/search?q=%E9%B2%B2%E9%B9%8F'), 401, 'unauthenticated');
  });
});

describe('q is 1–50 characters', () => {
  for (const [what, path] of [
    ['missing', '/search'],
    ['empty', '/search?q='],
    ['only spaces', '/search?q=%20%E3%80%80%20'],
    ['51 characters', `/search?q=${encodeURIComponent('鲲'.repeat(51))}`],
  ]) {
    it(`${what} → 422 naming q`, async () => {
      const e = assertError(await nanan.get(path), 422, 'invalid_argument', 'q');
      assert.match(e.message, /搜索词/);
    });
  }

  it('50 characters is fine', async () => {
    assert.deepEqual((await search(nanan, '鲲'.repeat(50))).items, []);
  });

  it('a query of punctuation only finds nothing', async () => {
    const body = await search(nanan, '！？。');
    assert.deepEqual(body.items, []);
    assert.equal(body.total, 0);
  });
});

describe('long texts are cut the same way on both backends', () => {
  // PostgreSQL keeps at most 256 positions per token and positions up to 16383; the index
  // applies both limits on SQLite too, so the two answer alike (docs/api.md "Search").
  it('occurrences of a token past the 256th are not indexed', async () => {
    const a = await record(nanan, nananOrg.id, {
      title: uniq('长文一'), body: '孔雀'.repeat(300) + '鹦鹉', start_date: '2020-01-01',
    });
    assert.deepEqual(await ids(nanan, '孔雀'), [a.id]);
    assert.deepEqual(await ids(nanan, '鹦鹉'), [a.id]);
    assert.deepEqual(await ids(nanan, '雀鹦'), [], 'the 300th 雀 is left out');
  });

  it('text past position 16383 is not indexed', async () => {
    const a = await record(nanan, nananOrg.id, {
      title: uniq('长文二'), body: '鸬鹚 ' + 'ab '.repeat(16400) + '鹈鹕', start_date: '2020-01-02',
    });
    assert.deepEqual(await ids(nanan, '鸬鹚'), [a.id]);
    assert.deepEqual(await ids(nanan, '鹈鹕'), []);
  });
});

describe('the index follows the records', () => {
  it('an edited record is found by its new text, not its old', async () => {
    const a = await record(nanan, nananOrg.id, { title: '旧称琵琶湖活动', body: '旧正文箜篌', start_date: '2021-05-01' });
    assert.deepEqual(await ids(nanan, '琵琶湖'), [a.id]);
    const res = await nanan.patch(`/activities/${a.id}`, { title: '新称玲珑塔活动', body: '新正文琥珀', start_date: '2021-06-01' });
    assertStatus(res, 200, 'PATCH');
    assert.deepEqual(await ids(nanan, '琵琶湖'), []);
    assert.deepEqual(await ids(nanan, '箜篌'), []);
    assert.deepEqual(await ids(nanan, '玲珑塔'), [a.id]);
    assert.deepEqual(await ids(nanan, '琥珀'), [a.id]);
    assert.equal((await search(nanan, '玲珑塔')).items[0].date, '2021-06-01', 'the new date');
    // A patch of another field keeps it findable.
    assertStatus(await nanan.patch(`/activities/${a.id}`, { type: 'training' }), 200, 'PATCH type');
    assert.deepEqual(await ids(nanan, '玲珑塔'), [a.id]);
  });

  it('a deleted record disappears', async () => {
    const a = await record(nanan, nananOrg.id, { title: '将删除的麋鹿活动', start_date: '2021-07-01' });
    assert.deepEqual(await ids(nanan, '麋鹿'), [a.id]);
    assertStatus(await nanan.del(`/activities/${a.id}`), 204, 'DELETE');
    assert.deepEqual(await ids(nanan, '麋鹿'), []);
    assert.deepEqual(await ids(admin, '麋鹿'), []);
  });

  it('a union moved to another district takes its records along', async () => {
    const u = await createUnion(admin, nananOrg.id, uniq('搜索迁移测试工会'));
    const a = await record(nanan, u.id, { title: '迁移前的鸳鸯锅活动', start_date: '2021-08-01' });
    assert.deepEqual(await ids(nanan, '鸳鸯锅'), [a.id]);
    assert.deepEqual(await ids(yuzhong, '鸳鸯锅'), []);
    assertStatus(await admin.patch(`/orgs/${u.id}`, { parent_id: yuzhongOrg.id }), 200, 'move');
    assert.deepEqual(await ids(nanan, '鸳鸯锅'), [], 'no longer in 南岸区');
    assert.deepEqual(await ids(yuzhong, '鸳鸯锅'), [a.id], 'now in 渝中区');
    assert.deepEqual(await ids(admin, '鸳鸯锅'), [a.id]);
  });
});
