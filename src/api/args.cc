#include "api/args.h"

namespace gonghui::api {

std::string TouchesYear(std::string_view from_col, std::string_view to_col, int year,
                        std::vector<db::Value>& params) {
  const std::string y = std::to_string(year);
  params.insert(params.end(), {db::Value(y + "-12-31"), db::Value(y + "-01-01")});
  return "(" + std::string(from_col) + " <= ? AND " + std::string(to_col) + " >= ?)";
}

Result<int64_t> OwnerOrg(Call& call, const Body& body, std::string_view what) {
  GH_ASSIGN_OR_RETURN(std::optional<int64_t> given, body.OptInt("org_id", 1, INT64_MAX));
  const int64_t org_id = given.value_or(call.who.org_id);
  if (!auth::InScope(call.tx, call.who, org_id)) {
    return Status(Code::kNotFound, std::string(what) + "不存在或不在您的管辖范围内", "org_id");
  }
  return org_id;
}

}  // namespace gonghui::api
