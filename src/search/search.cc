#include "search/search.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "api/body.h"
#include "org/org.h"
#include "search/highlight.h"
#include "search/tokenize.h"

namespace gonghui::search {
namespace {

// Kinds in rank order within a day (SortKey gives the first the highest code).
const char* const kKinds[] = {"activity", "bulletin", "news"};
// The permission a caller needs to find documents of a kind ("" = everyone).
const char* PermissionFor(std::string_view kind) {
  if (kind == "activity") return "activity:activity:read";
  if (kind == "news") return "news:item:read";
  return "";
}

// Counting stops here, and pages past this many results are empty: a page of
// 20 never ranks all of a very common word's matches. Counting costs a row per
// match on PostgreSQL (SQLite: a doclist entry), which at 10,000 took PostgreSQL
// 60–150 ms for the common words of the city data set; at 1,000, a tenth.
constexpr int64_t kCountCap = 1000;
// PostgreSQL: rows walked newest first per match wanted before the matches
// are collected from the GIN index instead (Matcher).
constexpr int64_t kWalkRowsPerMatch = 200;
// Documents per sorted batch of a BulkIndexer: FTS5 writes a segment whenever
// the rowid goes down, so each batch is one run of ascending rowids (about
// 40 MB of memory per 100,000 work records).
constexpr size_t kBulkBatch = 100000;
// Bulk loads of at least this many documents end with an FTS5 'optimize'
// (one segment: the fastest to query).
constexpr int64_t kOptimizeAfter = 100000;

// Filter lexemes: upper case, which no text token is (tokens are lower-cased).
constexpr const char* kEveryoneLexeme = "ALL";
std::string OrgLexeme(int64_t org_id) { return "O" + std::to_string(org_id); }
std::string KindLexeme(std::string_view kind) {
  std::string out = "K";
  for (char c : kind) out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return out;
}

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) out.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// "O<id>" for the org and each of its ancestors on either axis, then "ALL"
// when everyone may see it: who may find a document of this org.
std::string ScopeLexemes(db::Tx& tx, int64_t org_id, bool everyone) {
  std::string out;
  for (const db::Row& r :
       tx.Query("SELECT DISTINCT ancestor_id FROM org_closure WHERE descendant_id = ? ORDER BY "
                "ancestor_id",
                {org_id})) {
    out += (out.empty() ? "" : " ") + OrgLexeme(r.Int(0));
  }
  if (everyone) out += (out.empty() ? "" : " ") + std::string(kEveryoneLexeme);
  return out;
}

// One document ready to write: its key, the lexemes that filter it, the text
// as stored (the indexed prefix of the body) and its slots.
struct Prepared {
  int64_t key = 0;
  std::string filter;
  std::string body;
  IndexedText text;
};

Prepared Prepare(const Doc& doc, std::string scope) {
  Prepared p;
  p.key = SortKey(doc.date, doc.kind, doc.ref_id);
  p.filter = std::move(scope) + " " + KindLexeme(doc.kind);
  p.text = IndexText(doc.title, doc.body);
  p.body = doc.body.substr(0, p.text.body_bytes);
  return p;
}

const std::vector<std::string> kDocColumns = {"id",   "kind",  "ref_id", "org_id", "everyone",
                                              "date", "title", "body",   "scope"};

std::vector<db::Value> DocValues(const Doc& doc, const Prepared& p) {
  return {p.key,    doc.kind,  doc.ref_id, doc.org_id, int64_t{doc.everyone ? 1 : 0},
          doc.date, doc.title, p.body,     p.filter};
}

void Insert(db::Tx& tx, const Doc& doc, const Prepared& p) {
  std::vector<db::Value> values = DocValues(doc, p);
  if (tx.sqlite()) {
    tx.Exec(
        "INSERT INTO search_doc (id, kind, ref_id, org_id, everyone, date, title, body, scope) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values);
    tx.Exec("INSERT INTO search_fts (rowid, title, body, scope) VALUES (?, ?, ?, ?)",
            {p.key, Fts5Text(p.text.title), Fts5Text(p.text.body), p.filter});
  } else {
    values.emplace_back(TsVectorLiteral(p.text, SplitSpaces(p.filter)));
    tx.Exec(
        "INSERT INTO search_doc (id, kind, ref_id, org_id, everyone, date, title, body, scope, "
        "tsv) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS tsvector))",
        values);
  }
}

// --- Reading ---------------------------------------------------------------------

struct Plan {
  std::vector<Phrase> phrases;
  Filter filter;
};

// Runs the match queries of one search.
//
// On PostgreSQL it also chooses how: the planner estimates a word as if its
// tokens were independent and a LIMIT as if matches were spread evenly, so
// left alone it walks the whole rank-key index backwards for a rare word, or
// collects and sorts tens of thousands of rows for a common one. Ids therefore
// first walks the newest kWalkRowsPerMatch rows per wanted match, which finds a
// common word's page and stops early; when that falls short (fewer than one
// match in kWalkRowsPerMatch rows, so not many matches in all), or when the
// search has at most kCountCap matches, it collects them from the GIN index and
// sorts them. Counting is left to the planner. SQLite's FTS5 reads its doclists in rowid order,
// which serves both.
class Matcher {
 public:
  Matcher(db::Tx& tx, const Plan& plan) : tx_(tx), plan_(plan) {}

  // The number of matches of `part`, counting no further than `cap`.
  int64_t Count(Part part, int64_t cap) {
    Collect(false);
    return tx_.QueryInt(tx_.sqlite() ? "SELECT COUNT(*) FROM (SELECT 1 FROM search_fts WHERE "
                                       "search_fts MATCH ? LIMIT ?) AS m"
                                     : "SELECT COUNT(*) FROM (SELECT 1 FROM search_doc WHERE tsv "
                                       "@@ CAST(? AS tsquery) LIMIT ?) AS m",
                        {Expression(part), cap});
  }

  // Ids (rank keys) of the matches of `part`, best first. `few`: the search
  // has at most kCountCap matches in all, not worth a walk.
  std::vector<int64_t> Ids(Part part, int64_t limit, int64_t offset, bool few) {
    if (tx_.sqlite()) {
      return Column(tx_.Query(
          "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ? "
          "OFFSET ?",
          {Expression(part), limit, offset}));
    }
    if (!few) {
      Collect(false);
      std::vector<int64_t> walked = Column(tx_.Query(
          "SELECT id FROM (SELECT id, tsv FROM search_doc ORDER BY id DESC LIMIT ?) AS w WHERE tsv "
          "@@ CAST(? AS tsquery) ORDER BY id DESC LIMIT ? OFFSET ?",
          {(offset + limit) * kWalkRowsPerMatch, Expression(part), limit, offset}));
      if (static_cast<int64_t>(walked.size()) == limit) return walked;
    }
    Collect(true);
    return Column(tx_.Query(
        "SELECT id FROM search_doc WHERE tsv @@ CAST(? AS tsquery) ORDER BY id DESC LIMIT ? "
        "OFFSET ?",
        {Expression(part), limit, offset}));
  }

 private:
  std::string Expression(Part part) const {
    return tx_.sqlite() ? Fts5Match(plan_.phrases, part, plan_.filter)
                        : TsQueryLiteral(plan_.phrases, part, plan_.filter);
  }

  static std::vector<int64_t> Column(const std::vector<db::Row>& rows) {
    std::vector<int64_t> out;
    for (const db::Row& r : rows) out.push_back(r.Int(0));
    return out;
  }

  // PostgreSQL: with `collect`, leaves the planner only the GIN bitmap scan
  // (for the rest of the transaction, until changed).
  void Collect(bool collect) {
    if (collect == collect_) return;
    const std::string on = collect ? "off" : "on";
    tx_.Query(
        "SELECT set_config('enable_indexscan', ?, true), set_config('enable_seqscan', ?, true)",
        {on, on});
    collect_ = collect;
  }

  db::Tx& tx_;
  const Plan& plan_;
  bool collect_ = false;
};

// Matches in the title first, each group in rank-key order. `counted`: all
// matches, counted up to kCountCap + 1.
std::vector<int64_t> PageIds(db::Tx& tx, const Plan& plan, int64_t counted, int64_t offset,
                             int64_t size) {
  Matcher m(tx, plan);
  const bool few = counted <= kCountCap;
  std::vector<int64_t> ids = m.Ids(Part::kTitle, size, offset, few);
  if (static_cast<int64_t>(ids.size()) == size) return ids;
  // Title matches end on this page, or before it when it got none of them.
  int64_t titles = !ids.empty() || offset == 0 ? offset + static_cast<int64_t>(ids.size())
                                               : m.Count(Part::kTitle, offset);
  int64_t taken = static_cast<int64_t>(ids.size());
  for (int64_t id : m.Ids(Part::kNotTitle, size - taken, offset + taken - titles, few)) {
    ids.push_back(id);
  }
  return ids;
}

nlohmann::json Items(db::Tx& tx, const std::vector<int64_t>& ids,
                     const std::vector<Phrase>& phrases) {
  nlohmann::json items = nlohmann::json::array();
  if (ids.empty()) return items;
  std::string list;
  for (int64_t id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  std::unordered_map<int64_t, db::Row> rows;
  for (db::Row& r :
       tx.Query("SELECT d.id, d.kind, d.ref_id, d.title, d.body, d.date, d.org_id, o.name FROM "
                "search_doc d JOIN org o ON o.id = d.org_id WHERE d.id IN (" +
                list + ")")) {
    int64_t id = r.Int(0);
    rows.emplace(id, std::move(r));
  }
  for (int64_t id : ids) {
    auto it = rows.find(id);
    if (it == rows.end()) continue;
    const db::Row& r = it->second;
    const std::string title = r.Str(3);
    items.push_back({{"kind", r.Str(1)},
                     {"id", r.Int(2)},
                     {"title", title},
                     {"title_html", MarkHtml(title, phrases)},
                     {"snippet_html", SnippetHtml(r.Str(4), phrases)},
                     {"date", r.Str(5)},
                     {"org_id", r.Int(6)},
                     {"org_name", r.Str(7)}});
  }
  return items;
}

// q without ASCII and ideographic spaces around it.
std::string TrimQuery(std::string q) {
  const std::string_view kIdeographicSpace = "\xE3\x80\x80";
  for (bool changed = true; changed;) {
    changed = false;
    q = api::Trim(std::move(q));
    if (q.starts_with(kIdeographicSpace)) q.erase(0, 3), changed = true;
    if (q.ends_with(kIdeographicSpace)) q.erase(q.size() - 3), changed = true;
  }
  return q;
}

// The kind lexemes the caller may find: every kind its permissions allow, or
// just `kind` when given (kPermissionDenied when not allowed).
Result<std::vector<std::string>> VisibleKinds(const auth::Principal& who, const std::string& kind) {
  if (!kind.empty() && std::none_of(std::begin(kKinds), std::end(kKinds),
                                    [&](const char* k) { return kind == k; })) {
    return InvalidArgument("kind", "查询参数 kind 应为 news、bulletin 或 activity");
  }
  std::vector<std::string> out;
  for (const char* k : kKinds) {
    if (!kind.empty() && kind != k) continue;
    const std::string permission = PermissionFor(k);
    if (!permission.empty() && !who.Has(permission)) {
      if (!kind.empty()) return PermissionDenied("您的角色没有此操作的权限（" + permission + "）");
      continue;
    }
    out.push_back(KindLexeme(k));
  }
  return out;
}

Result<api::Reply> Search(api::Call& call) {
  std::string q = TrimQuery(call.req.Query("q").value_or(""));
  if (q.empty()) return InvalidArgument("q", "搜索词（q）不能为空");
  if (api::Utf8Length(q) > 50) return InvalidArgument("q", "搜索词（q）不能超过 50 个字");
  GH_ASSIGN_OR_RETURN(api::ListParams p, api::ParseListParams(call.req));
  Plan plan{QueryPhrases(q), {}};
  if (call.who.org_id != org::RootId(call.tx)) {
    // The root is an ancestor of every org: its users need no scope filter.
    plan.filter.push_back({OrgLexeme(call.who.org_id), kEveryoneLexeme});
  }
  GH_ASSIGN_OR_RETURN(std::vector<std::string> kinds,
                      VisibleKinds(call.who, call.req.Query("kind").value_or("")));
  if (kinds.size() < std::size(kKinds)) plan.filter.push_back(kinds);

  int64_t total = 0;
  bool capped = false;
  std::vector<int64_t> ids;
  if (!plan.phrases.empty()) {
    int64_t counted = Matcher(call.tx, plan).Count(Part::kAll, kCountCap + 1);
    capped = counted > kCountCap;
    total = std::min(counted, kCountCap);
    if (p.offset() < total) {
      ids = PageIds(call.tx, plan, counted, p.offset(), std::min(p.page_size, total - p.offset()));
    }
  }
  nlohmann::json page = api::Page(Items(call.tx, ids, plan.phrases), total, p);
  page["total_capped"] = capped;
  return api::Reply::Ok(std::move(page));
}

}  // namespace

int64_t SortKey(std::string_view date, std::string_view kind, int64_t ref_id) {
  int64_t code = -1;
  for (size_t i = 0; i < std::size(kKinds); ++i) {
    if (kind == kKinds[i]) code = static_cast<int64_t>(std::size(kKinds) - 1 - i);
  }
  if (code < 0) throw std::invalid_argument("search: unknown kind " + std::string(kind));
  if (ref_id <= 0 || ref_id >= (int64_t{1} << 34)) {
    throw std::invalid_argument("search: ref_id out of range");
  }
  // YYYY-MM-DD as the number YYYYMMDD (< 2^27); anything else sorts as 0.
  int64_t ymd = 0;
  if (date.size() == 10 && date[4] == '-' && date[7] == '-') {
    std::string digits = std::string(date.substr(0, 4)) + std::string(date.substr(5, 2)) +
                         std::string(date.substr(8, 2));
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), ymd);
    if (ec != std::errc() || ptr != digits.data() + digits.size()) ymd = 0;
  }
  return (ymd << 36) | (code << 34) | ref_id;
}

std::string ActivityBody(std::string_view body, const nlohmann::json& detail) {
  std::string out(body);
  for (const char* key : {"places", "target_groups", "items"}) {
    if (!detail.is_object() || !detail.contains(key) || !detail[key].is_array()) continue;
    std::string line;
    for (const nlohmann::json& v : detail[key]) {
      if (!v.is_string() || v.get_ref<const std::string&>().empty()) continue;
      line += (line.empty() ? "" : "、") + v.get<std::string>();
    }
    if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

void Remove(db::Tx& tx, std::string_view kind, int64_t ref_id) {
  std::optional<db::Row> row =
      tx.QueryOne("SELECT id, title, body, scope FROM search_doc WHERE kind = ? AND ref_id = ?",
                  {std::string(kind), ref_id});
  if (!row) return;
  if (tx.sqlite()) {
    // A contentless FTS5 row goes by repeating what was inserted.
    IndexedText text = IndexText(row->Str(1), row->Str(2));
    tx.Exec(
        "INSERT INTO search_fts (search_fts, rowid, title, body, scope) VALUES ('delete', ?, ?, ?, "
        "?)",
        {row->Int(0), Fts5Text(text.title), Fts5Text(text.body), row->Str(3)});
  }
  tx.Exec("DELETE FROM search_doc WHERE id = ?", {row->Int(0)});
}

void Put(db::Tx& tx, const Doc& doc) {
  Prepared p = Prepare(doc, ScopeLexemes(tx, doc.org_id, doc.everyone));
  Remove(tx, doc.kind, doc.ref_id);
  Insert(tx, doc, p);
}

BulkIndexer::~BulkIndexer() noexcept(false) {
  if (std::uncaught_exceptions() == 0) Finish();
}

void BulkIndexer::Add(Doc doc) {
  pending_.push_back(std::move(doc));
  if (pending_.size() >= kBulkBatch) Flush();
}

void BulkIndexer::Flush() {
  if (pending_.empty()) return;
  if (!tx_.sqlite() && !gin_dropped_ && pending_.size() >= kBulkBatch) {
    // A big load: building the GIN index once (Finish) takes a quarter less
    // time than adding every document's lexemes to it as they come.
    tx_.Exec("DROP INDEX search_doc_tsv");
    gin_dropped_ = true;
  }
  std::vector<std::pair<int64_t, size_t>> order;  // FTS5 writes fastest in rowid order
  order.reserve(pending_.size());
  for (size_t i = 0; i < pending_.size(); ++i) {
    order.emplace_back(SortKey(pending_[i].date, pending_[i].kind, pending_[i].ref_id), i);
  }
  std::sort(order.begin(), order.end());
  // SQLite: the prepared statements of Put; PostgreSQL: COPY.
  std::optional<db::BulkInsert> copy;
  if (!tx_.sqlite()) {
    std::vector<std::string> columns = kDocColumns;
    columns.emplace_back("tsv");
    copy.emplace(tx_, "search_doc", std::move(columns));
  }
  for (auto [key, i] : order) {
    const Doc& doc = pending_[i];
    auto [it, fresh] = scopes_.try_emplace({doc.org_id, doc.everyone});
    if (fresh) it->second = ScopeLexemes(tx_, doc.org_id, doc.everyone);
    Prepared p = Prepare(doc, it->second);
    if (copy) {
      std::vector<db::Value> values = DocValues(doc, p);
      values.emplace_back(TsVectorLiteral(p.text, SplitSpaces(p.filter)));
      copy->Add(values);
    } else {
      Insert(tx_, doc, p);
    }
  }
  written_ += static_cast<int64_t>(pending_.size());
  pending_.clear();
}

void BulkIndexer::Finish() {
  Flush();
  if (gin_dropped_) {
    tx_.Exec("SET LOCAL maintenance_work_mem = '256MB'");
    tx_.Exec("CREATE INDEX search_doc_tsv ON search_doc USING gin (tsv)");  // as in migration 5
    gin_dropped_ = false;
  }
  if (tx_.sqlite() && written_ >= kOptimizeAfter) {
    tx_.Exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
    written_ = 0;
  }
}

Status IndexAllActivities(db::Tx& tx) {
  if (tx.QueryInt("SELECT COUNT(*) FROM search_doc WHERE kind = 'activity'") > 0) {
    return FailedPrecondition("工作动态已在搜索索引中");
  }
  BulkIndexer indexer(tx);
  for (int64_t after = 0;;) {
    std::vector<db::Row> rows = tx.Query(
        "SELECT id, org_id, start_date, title, body, detail FROM activity WHERE deleted_at IS NULL "
        "AND id > ? ORDER BY id LIMIT 5000",
        {after});
    if (rows.empty()) break;
    for (const db::Row& r : rows) {
      nlohmann::json detail = nlohmann::json::parse(r.Str(5), nullptr, false);
      indexer.Add({"activity", r.Int(0), r.Int(1), false, r.Str(2), r.Str(3),
                   ActivityBody(r.Str(4), detail)});
      after = r.Int(0);
    }
  }
  indexer.Finish();
  // PostgreSQL plans searches with the lexeme statistics (Matcher).
  if (!tx.sqlite()) tx.Exec("ANALYZE search_doc");
  return Status::Ok();
}

void RegisterRoutes(api::Api& api) {
  // A move changes who may see the documents of the moved subtree, which are
  // those whose scope still names the moved org: index them again.
  org::OnSubtreeMoved([](db::Tx& tx, int64_t root, std::string_view) {
    const std::string lexeme = OrgLexeme(root);
    std::vector<db::Row> ids =
        tx.sqlite() ? tx.Query("SELECT rowid FROM search_fts WHERE search_fts MATCH ?",
                               {"{scope} : \"" + lexeme + "\""})
                    : tx.Query("SELECT id FROM search_doc WHERE tsv @@ CAST(? AS tsquery)",
                               {"'" + lexeme + "'"});
    for (const db::Row& id : ids) {
      std::optional<db::Row> r = tx.QueryOne(
          "SELECT kind, ref_id, org_id, everyone, date, title, body FROM search_doc WHERE id = ?",
          {id.Int(0)});
      if (r)
        Put(tx, {r->Str(0), r->Int(1), r->Int(2), r->Int(3) != 0, r->Str(4), r->Str(5), r->Str(6)});
    }
  });
  api.Add({"GET",
           "/search",
           "",
           "search",
           "全文搜索（信息、一周动态、工作动态）",
           Search,
           {"q", "kind", "page", "page_size"}});
}

}  // namespace gonghui::search
