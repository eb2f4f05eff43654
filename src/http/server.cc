#include "http/server.h"

#include <pthread.h>
#include <csignal>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include <restinio/all.hpp>

namespace gonghui::http {
namespace {

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "Status";
  }
}

Request ToRequest(const restinio::request_handle_t& req) {
  Request r;
  r.method = std::string(req->header().method().c_str());
  r.path = std::string(req->header().path());
  for (const auto& field : req->header()) {
    std::string name = field.name();
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = field.value();
  }
  r.body = req->body();
  r.remote_address = req->remote_endpoint().address().to_string();
  return r;
}

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// The response's status line and headers (its own, then the security ones),
// for a whole body (restinio_controlled_output_t) or a streamed one.
template <typename Output>
restinio::response_builder_t<Output> Head(const restinio::request_handle_t& req,
                                          const Response& resp, const HeaderList& security) {
  auto out = req->create_response<Output>(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(resp.status)},
      ReasonPhrase(resp.status)});
  if (!resp.content_type.empty())
    out.append_header(restinio::http_field::content_type, resp.content_type);
  for (const auto& [name, value] : resp.headers) out.append_header(name, value);
  for (const auto& [name, value] : security) out.append_header(name, value);
  return out;
}

restinio::request_handling_status_t Send(const restinio::request_handle_t& req,
                                         const Response& resp, const HeaderList& security,
                                         bool close) {
  auto out = Head<restinio::restinio_controlled_output_t>(req, resp, security);
  if (close) out.connection_close();
  out.set_body(resp.body);
  return out.done();
}

// The streamed bodies being sent: at most kMaxStreams at once (each holds a
// database connection for its duration); Serve waits for them when it stops.
constexpr int kMaxStreams = 4;
constexpr auto kStreamWriteTimeout = std::chrono::seconds(60);
std::atomic<int> g_streams{0};
std::atomic<bool> g_stopping{false};

restinio::request_handling_status_t SendStream(const restinio::request_handle_t& req, Response resp,
                                               const HeaderList& security) {
  auto out = Head<restinio::chunked_output_t>(req, resp, security);
  out.flush();  // the head goes out now: the first byte does not wait for the body
  std::thread([out = std::move(out), stream = std::move(resp.stream)]() mutable {
    struct Done {
      ~Done() { g_streams.fetch_sub(1); }
    } done;
    const StreamWrite write = [&out](std::string_view chunk) {
      if (g_stopping.load()) return false;
      if (chunk.empty()) return true;
      auto sent = std::make_shared<std::promise<bool>>();
      std::future<bool> written = sent->get_future();
      out.append_chunk(std::string(chunk));
      out.flush([sent](const asio::error_code& ec) { sent->set_value(!ec); });
      return written.wait_for(kStreamWriteTimeout) == std::future_status::ready && written.get();
    };
    Status s = Status::Ok();
    try {
      s = stream(write);
    } catch (const std::exception& e) {
      s = Internal(e.what());
    }
    if (!s.ok()) {
      std::fprintf(stderr, "gonghui: a streamed response ended early: %s\n", s.message().c_str());
      out.connection_close();
    }
    out.done();
  }).detach();
  return restinio::request_accepted();
}

}  // namespace

Status Serve(const ServerOptions& options, const Router& router) {
  // Block the shutdown signals in every thread; this thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const HeaderList security = SecurityHeaders(options.style_hashes);
  std::atomic<bool> draining{false};
  std::atomic<int> in_flight{0};

  auto handler = [&](const restinio::request_handle_t& req) {
    in_flight.fetch_add(1);
    struct Done {
      std::atomic<int>& n;
      ~Done() { n.fetch_sub(1); }
    } done{in_flight};
    if (draining.load()) {
      return Send(req, ErrorResponse({Code::kUnavailable, "服务正在关闭，请稍后重试"}), security,
                  true);
    }
    Request request = ToRequest(req);
    Response response;
    try {
      Status q = ParseQuery(req->header().query(), request.query);
      if (!q.ok()) {
        response = ErrorResponse(q);
      } else if (request.path.starts_with("/api/")) {
        const Handler* h = nullptr;
        size_t max_body = 0;
        switch (router.Match(request, &h, &max_body)) {
          case Router::MatchResult::kFound:
            if (max_body == 0) max_body = options.body_limit;
            if (request.body.size() > max_body) {
              response = ErrorResponse(
                  {Code::kPayloadTooLarge,
                   "请求内容过大（上限 " + std::to_string(max_body / 1024 / 1024) + " MiB）"});
            } else {
              response = (*h)(request);
            }
            break;
          case Router::MatchResult::kWrongMethod:
            response = ErrorResponse({Code::kBadRequest, "该接口不支持此请求方法"});
            response.status = 405;
            break;
          case Router::MatchResult::kNoPath:
            response = ErrorResponse(NotFound("接口不存在"));
            break;
        }
      } else if (request.method == "GET" || request.method == "HEAD") {
        response = StaticFile(options.web_dir, request.path);
      } else {
        response = ErrorResponse(NotFound("接口不存在"));
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gonghui: unhandled error on %s %s: %s\n", request.method.c_str(),
                   request.path.c_str(), e.what());
      response = ErrorResponse(Internal("服务器内部错误"));
    }
    if (response.stream && !draining.load()) {
      if (g_streams.fetch_add(1) >= kMaxStreams) {
        g_streams.fetch_sub(1);
        return Send(req, ErrorResponse({Code::kUnavailable, "同时进行的导出过多，请稍后重试"}),
                    security, false);
      }
      return SendStream(req, std::move(response), security);
    }
    return Send(req, response, security, draining.load());
  };

  using Traits = restinio::default_traits_t;
  restinio::incoming_http_msg_limits_t limits;
  limits.max_body_size(options.max_route_body_limit);
  auto settings = restinio::server_settings_t<Traits>{}
                      .address(options.host)
                      .port(static_cast<std::uint16_t>(options.port))
                      .incoming_http_msg_limits(limits)
                      .request_handler(handler)
                      .handle_request_timeout(std::chrono::seconds(60))
                      .read_next_http_message_timelimit(std::chrono::seconds(60));

  restinio::running_server_handle_t<Traits> server;
  try {
    server = restinio::run_async(restinio::own_io_context(), std::move(settings), options.threads);
  } catch (const std::exception& e) {
    return {Code::kUnavailable,
            std::string("无法监听 ") + options.host + ":" + std::to_string(options.port) + "：" +
                e.what(),
            "listen"};
  }
  if (options.on_ready) options.on_ready();

  int sig = 0;
  sigwait(&signals, &sig);
  draining = true;
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(options.drain_timeout_seconds);
  while ((in_flight.load() > 0 || g_streams.load() > 0) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // Streams still running stop at their next piece; wait for them to let go
  // of the database.
  g_stopping = true;
  for (auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
       g_streams.load() > 0 && std::chrono::steady_clock::now() < until;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // Let the last responses leave the socket buffers.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  server->stop();
  server->wait();
  return Status::Ok();
}

}  // namespace gonghui::http
