// A real HTTP/1.1 server on 127.0.0.1 for tests (cpp-httplib on its own thread), serving a folder of files
// and/or handlers that misbehave on purpose. Stops and joins when destroyed.
#pragma once

#include <httplib.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace tradewire::testing {

class TestHttpServer {
 public:
  // Serves the files under `root` (ETag/Last-Modified and 304s included); register more handlers with server().
  explicit TestHttpServer(const std::string& root = "");
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  // Register handlers BEFORE Start(). `address`: any loopback address (127.0.0.2 stands in for another machine).
  httplib::Server& server() { return server_; }
  void Start(const std::string& address = "127.0.0.1");

  int port() const { return port_; }
  std::string Url(std::string_view path) const;

  // Every request's method and path ("GET /feed.xml"), and the conditional headers it carried.
  struct Seen {
    std::string path;
    std::string if_none_match;
    std::string if_modified_since;
    std::string user_agent;
  };
  std::vector<Seen> requests() const;
  int CountRequests(std::string_view path) const;

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::string address_;
  mutable std::mutex mutex_;
  std::vector<Seen> requests_;
};

}  // namespace tradewire::testing
