// bench_fetch ROOT: the loopback web server behind scripts/bench-fetch. Serves the files under ROOT from memory,
// gzipped once at start-up as a CDN would cache them (httplib would otherwise brotli-compress every response at
// top quality and measure itself), from enough threads that the server is never the bottleneck. Prints its port
// on one line and stops when its standard input closes.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "tests/support/http_server.h"
#include "tests/support/subprocess.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bench_fetch ROOT\n");
    return 2;
  }
  auto pages = std::make_shared<std::map<std::string, std::string>>();  // path → gzipped body
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (entry.path().extension() != ".html") continue;
    (*pages)["/" + entry.path().filename().string()] = tradewire::testing::Gzip(tradewire::testing::ReadFile(entry.path()));
  }
  tradewire::testing::TestHttpServer server;
  // httplib holds one thread per keep-alive connection; the client under test keeps up to 16 open.
  server.server().new_task_queue = [] { return new httplib::ThreadPool(64); };
  server.server().Get(R"(/.*)", [pages](const httplib::Request& request, httplib::Response& response) {
    auto page = pages->find(request.path);
    if (page == pages->end()) {
      response.status = 404;
      return;
    }
    const std::string& body = page->second;
    response.set_header("Content-Encoding", "gzip");
    response.set_content_provider(body.size(), "text/html; charset=utf-8",
                                  [&body](size_t offset, size_t, httplib::DataSink& sink) {
                                    return sink.write(body.data() + offset, body.size() - offset);
                                  });
  });
  server.Start();
  std::cout << server.port() << std::endl;
  for (std::string line; std::getline(std::cin, line);) {
  }
  return 0;
}
