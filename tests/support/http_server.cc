#include "tests/support/http_server.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tests/support/subprocess.h"

namespace tradewire::testing {
namespace fs = std::filesystem;

namespace {

std::string ContentTypeFor(const fs::path& path) {
  std::string ext = path.extension().string();
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".xml") return "application/xml";
  if (ext == ".json") return "application/json";
  if (ext == ".txt") return "text/plain";
  if (ext == ".gz") return "application/gzip";
  return "application/octet-stream";
}

}  // namespace

TestHttpServer::TestHttpServer(const std::string& root) {
  // As production web servers do; without it every response on a kept-alive connection waits out the client's
  // delayed ACK (about 40 ms).
  server_.set_tcp_nodelay(true);
  // Recorded before routing: httplib's logger does not see every response (304s, say).
  server_.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response&) {
    std::lock_guard lock(mutex_);
    requests_.push_back({request.path, request.get_header_value("If-None-Match"),
                         request.get_header_value("If-Modified-Since"), request.get_header_value("User-Agent")});
    return httplib::Server::HandlerResponse::Unhandled;
  });
  if (root.empty()) return;
  // Static files with validators, so that conditional requests can be tested against the corpus too.
  server_.Get(R"(/(.*))", [root](const httplib::Request& request, httplib::Response& response) {
    fs::path path = fs::weakly_canonical(fs::path(root) / request.matches[1].str());
    fs::path base = fs::weakly_canonical(root);
    if (path.string().rfind(base.string(), 0) != 0 || !fs::is_regular_file(path)) {
      response.status = 404;
      response.set_content("<html><body>not found</body></html>", "text/html");
      return;
    }
    const std::string body = ReadFile(path);
    std::string etag = "\"" + std::to_string(std::hash<std::string>{}(body)) + "\"";
    response.set_header("ETag", etag);
    response.set_header("Last-Modified", "Tue, 20 May 2025 08:00:00 GMT");
    if (request.get_header_value("If-None-Match") == etag) {
      response.status = 304;
      return;
    }
    response.set_content(body, ContentTypeFor(path).c_str());
  });
}

void TestHttpServer::Start(const std::string& address) {
  address_ = address;
  port_ = server_.bind_to_any_port(address);
  if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
}

TestHttpServer::~TestHttpServer() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

std::string TestHttpServer::Url(std::string_view path) const {
  return "http://" + address_ + ":" + std::to_string(port_) + std::string(path);
}

std::vector<TestHttpServer::Seen> TestHttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

int TestHttpServer::CountRequests(std::string_view path) const {
  std::lock_guard lock(mutex_);
  int count = 0;
  for (const Seen& seen : requests_) count += seen.path == path;
  return count;
}

}  // namespace tradewire::testing
