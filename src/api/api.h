// The request pipeline every /api/v1 endpoint runs through, in this order:
//
//   1. session cookie → Principal (401 `unauthenticated` without one)
//   2. writes (POST/PATCH/PUT/DELETE): X-CSRF-Token must match (403)
//   3. the endpoint's permission string (403 `permission_denied`)
//   4. the body: JSON object or nothing (400 `bad_request` otherwise)
//   5. the handler, inside ONE database transaction: it commits only when the
//      handler succeeds, so a failed request writes nothing
//   6. the Result becomes the response; errors through http::ErrorResponse
//
// Areas describe their endpoints as Endpoint values and add them with
// Api::Add; the same list produces the OpenAPI document.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/app.h"
#include "auth/auth.h"
#include "http/router.h"

namespace gonghui::api {

// One API request in flight.
struct Call {
  App& app;
  const http::Request& req;
  db::Tx& tx;
  const auth::Principal& who;
  const nlohmann::json& body;  // an object ({} when the request had no body)
  int64_t now;

  // The i-th {…} of the path as a positive id; kNotFound otherwise.
  Result<int64_t> PathId(size_t i = 0) const;
};

struct Reply {
  int status = 200;
  nlohmann::json body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string raw_body;      // when set, sent as the body instead of `body`
  std::string content_type;  // of raw_body or stream; JSON when empty
  // When set, the body is produced while it is sent (http::StreamBody): the
  // producer runs after the handler's transaction has ended, on its own
  // thread, and opens the transactions it needs itself.
  http::StreamBody stream = {};

  static Reply Ok(nlohmann::json body) { return {200, std::move(body), {}, {}, {}, {}}; }
  static Reply Created(nlohmann::json body) { return {201, std::move(body), {}, {}, {}, {}}; }
  static Reply NoContent() { return {204, nullptr, {}, {}, {}, {}}; }
};

using ApiHandler = std::function<Result<Reply>(Call&)>;

// The handler of GET /<things>/{id}: what `load` gives for the path's id
// (its errors, e.g. 404 outside the caller's scope, as they are).
template <Result<nlohmann::json> (*load)(Call&, int64_t)>
Result<Reply> GetById(Call& call) {
  GH_ASSIGN_OR_RETURN(int64_t id, call.PathId());
  GH_ASSIGN_OR_RETURN(nlohmann::json found, load(call, id));
  return Reply::Ok(std::move(found));
}

struct Endpoint {
  std::string method;      // GET, POST, PATCH, PUT, DELETE
  std::string path;        // below /api/v1, e.g. "/orgs/{id}"
  std::string permission;  // "" = any signed-in user
  std::string tag;         // OpenAPI tag (the area)
  std::string summary;     // zh-CN
  ApiHandler handler;
  std::vector<std::string> query = {};  // documented query parameters
  // A non-JSON body (an upload): the handler reads call.req.body itself, and
  // up to `max_body` bytes are accepted (0: the server's 1 MiB).
  bool raw_body = false;
  size_t max_body = 0;
  // The media types a raw body may have, for the OpenAPI document (default: the photo types).
  std::vector<std::string> raw_types = {};
  // Served without a session (public pages: signing links, verification). The handler sees
  // a Principal with no user, role, org or permission, and must check what it needs itself;
  // writes need no CSRF token because no cookie carries authority here.
  bool anonymous = false;
  // A POST whose handler writes nothing to the database (it signals work in
  // progress, e.g. cancelling an import): it runs in a read transaction, so a
  // long write elsewhere does not keep it waiting for the lock.
  bool read_only = false;
};

class Api {
 public:
  explicit Api(App& app) : app_(app) {}

  void Add(Endpoint endpoint);
  // Registers every endpoint and the built-in ones (login, openapi.json).
  void Mount(http::Router& router);
  nlohmann::json OpenApi() const;
  // The body another GET endpoint answers `link` ("/api/v1/<path>?<query>", the query's
  // values plain ASCII) for the same caller inside the same transaction: a figure computed
  // by the handler of the list it links to is the total that list shows, by construction.
  // kPermissionDenied when the caller may not read it, kNotFound for no such endpoint.
  Result<nlohmann::json> Read(Call& call, std::string_view link) const;

 private:
  http::Response Handle(const Endpoint& endpoint, http::Request& request);
  http::Response HandleLogin(http::Request& request);

  App& app_;
  std::vector<Endpoint> endpoints_;
};

// A positive decimal id ("42"); nullopt for anything else (signs, spaces, 0, overflow).
std::optional<int64_t> ParseId(std::string_view s);

// Arrays and objects nested deeper than this in a request body are refused.
inline constexpr size_t kMaxBodyDepth = 64;

// Parses the request body: {} when empty; 400 when not a JSON object or nested deeper than
// kMaxBodyDepth; 422 naming the field when a string (key or value) holds a NUL character.
Result<nlohmann::json> ParseBody(const std::string& body);

// Common list parameters (docs/api.md "Lists").
struct ListParams {
  int64_t page = 1;
  int64_t page_size = 20;
  std::optional<int64_t> org_id;
  std::string axis;  // "" when not given, else "t" or "i"
  std::string from, to, type, q, sort;
  std::optional<int> year;  // year=YYYY
  bool own = false;         // own=true: the root's own records, not its subtree's
  int64_t offset() const { return (page - 1) * page_size; }
};
// kInvalidArgument naming the parameter.
Result<ListParams> ParseListParams(const http::Request& req);

// Resolves the subtree root and axis of a list: the caller's org by default;
// kNotFound when `org_id` is outside the caller's scope. Axis defaults to
// territorial, or industry when the root is an industry union.
struct Subtree {
  int64_t root = 0;
  std::string axis;  // "t" or "i"
  // The root of the whole tree (市总工会), the ancestor of every org on both
  // axes: its subtree is every org, so the tests below need no closure.
  bool whole = false;
};
Result<Subtree> ResolveSubtree(db::Tx& tx, const auth::Principal& who, const ListParams& p);

// "<column> IN (<the subtree's org ids>)", appending its two values to params
// ("<column> IS NOT NULL" for the whole tree).
std::string InSubtree(std::string_view column, const Subtree& sub, std::vector<db::Value>& params);
// The same test row by row, "EXISTS (the closure row root → <column>)": for a
// table that is small next to the subtree (the city's programme statistics
// over a few thousand rows would read all 61,000 closure rows with IN).
std::string SubtreeHas(std::string_view column, const Subtree& sub, std::vector<db::Value>& params);

// Counts the rows of `from` (a "FROM … WHERE …" clause whose `?` bind to
// `params`) and fetches page `p` of "SELECT <columns> <from> ORDER BY <order>".
// `total`, when given, is the count already known (org/count.h), not counted.
struct PageRows {
  int64_t total = 0;
  std::vector<db::Row> rows;
};
PageRows QueryPage(db::Tx& tx, std::string_view columns, const std::string& from,
                   std::vector<db::Value> params, std::string_view order, const ListParams& p,
                   std::optional<int64_t> total = std::nullopt);

// A download: `bytes` as `content_type` with a Content-Disposition naming the
// file (UTF-8 name per RFC 6266/5987, `ascii_name` for old clients).
Reply Download(std::string bytes, std::string content_type, std::string_view file_name,
               std::string_view ascii_name);

// {"items":[…],"total":N,"page":P,"page_size":S}
nlohmann::json Page(nlohmann::json items, int64_t total, const ListParams& p);

}  // namespace gonghui::api
