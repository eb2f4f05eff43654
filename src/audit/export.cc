// Streamed exports with their log entry (export.h).
#include "audit/export.h"

#include <memory>

namespace gonghui::audit {

Result<bool> ExportSink::Row(const std::vector<OutCell>& cells) {
  if (!sent_) return false;
  GH_ASSIGN_OR_RETURN(sent_, out_.Row(cells));
  if (sent_) ++rows_;
  return sent_;
}

Result<std::string> ExportFormat(const api::Call& call) {
  std::string format = call.req.Query("format").value_or("");
  if (format != "csv" && format != "xlsx") {
    return InvalidArgument("format", "查询参数 format（导出格式）应为 csv 或 xlsx");
  }
  return format;
}

ExportFile ExportBy(const api::Call& call, std::string kind, std::string format,
                    nlohmann::json filter) {
  ExportFile file;
  file.log.kind = std::move(kind);
  file.log.format = std::move(format);
  file.log.org_id = call.who.org_id;
  file.log.user_id = call.who.user_id;
  file.log.filter = std::move(filter);
  file.log.at = call.now;
  return file;
}

namespace {

Status Produce(api::App& app, const ExportFile& file, const http::StreamWrite& write) {
  int64_t log_id = 0;
  GH_RETURN_IF_ERROR(app.db.Run(db::Mode::kWrite, [&](db::Tx& tx) {
    log_id = BeginExport(tx, file.log);
    return Status::Ok();
  }));
  const TableOut::Format format =
      file.log.format == "xlsx" ? TableOut::Format::kXlsx : TableOut::Format::kCsv;
  GH_ASSIGN_OR_RETURN(std::unique_ptr<TableOut> out, TableOut::Open(format, file.sheet, write));
  ExportSink sink(*out);
  bool sent = true;
  Status s = app.db.Run(db::Mode::kRead, [&](db::Tx& tx) -> Status {
    GH_ASSIGN_OR_RETURN(sent, out->Header(file.header));
    return sent ? file.rows(tx, sink) : Status::Ok();
  });
  sent = sent && sink.Sent();
  if (s.ok() && sent) {
    Result<bool> finished = out->Finish();
    if (!finished.ok()) s = finished.status();
    sent = finished.ok() && *finished;
  }
  (void)app.db.Run(db::Mode::kWrite, [&](db::Tx& tx) {
    EndExport(tx, log_id, sink.Rows(), s.ok() && sent);
    return Status::Ok();
  });
  return s;
}

}  // namespace

api::Reply StreamExport(api::App& app, ExportFile file) {
  const bool xlsx = file.log.format == "xlsx";
  api::Reply reply =
      api::Download("",
                    xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                         : "text/csv; charset=utf-8",
                    file.file_name, file.ascii_name);
  auto shared = std::make_shared<ExportFile>(std::move(file));
  reply.stream = [&app, shared](const http::StreamWrite& write) {
    return Produce(app, *shared, write);
  };
  return reply;
}

}  // namespace gonghui::audit
