// A logged, streamed export (GET /members/export, GET /enterprises/export):
// the log entry (audit.h Export) is begun in its own transaction before the
// first byte leaves; the rows are read in one read transaction and written as
// they come (core/table_out.h); the entry is ended with the rows sent and
// whether the client took the whole file.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/api.h"
#include "audit/audit.h"
#include "core/table_out.h"

namespace gonghui::audit {

// Where an export's rows go: counts them, and says when to stop.
class ExportSink {
 public:
  explicit ExportSink(TableOut& out) : out_(out) {}
  // False once the client has left: the producer stops.
  Result<bool> Row(const std::vector<OutCell>& cells);
  int64_t Rows() const { return rows_; }
  bool Sent() const { return sent_; }

 private:
  TableOut& out_;
  int64_t rows_ = 0;
  bool sent_ = true;
};

struct ExportFile {
  Export log;                       // its format is the file's: "csv" or "xlsx"
  std::string sheet;                // the xlsx sheet's name
  std::vector<std::string> header;  // the first row
  std::string file_name;            // UTF-8 ("南岸区总工会会员名单.xlsx")
  std::string ascii_name;           // for old clients ("members.xlsx")
  // Writes the rows in the read transaction, stopping when the sink says so.
  std::function<Status(db::Tx&, ExportSink&)> rows;
};

// The `format` query parameter: "csv" or "xlsx", else kInvalidArgument.
Result<std::string> ExportFormat(const api::Call& call);
// A file of `kind` ("member") exported by the caller with `filter`, masked
// unless said otherwise; the sheet, header, names and rows are to be set.
ExportFile ExportBy(const api::Call& call, std::string kind, std::string format,
                    nlohmann::json filter);

// The reply that streams `file`.
api::Reply StreamExport(api::App& app, ExportFile file);

}  // namespace gonghui::audit
