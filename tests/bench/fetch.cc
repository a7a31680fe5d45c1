// bench_fetch ROOT: the loopback web server behind scripts/bench-fetch. Serves the files under ROOT (with
// validators) on 127.0.0.1 from enough threads that the server is never the bottleneck, prints its port on one
// line, and stops when its standard input closes.
#include <cstdio>
#include <iostream>
#include <string>

#include "tests/support/http_server.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bench_fetch ROOT\n");
    return 2;
  }
  tradewire::testing::TestHttpServer server(argv[1]);
  // httplib holds one thread per keep-alive connection; the client under test keeps up to 16 open.
  server.server().new_task_queue = [] { return new httplib::ThreadPool(64); };
  server.server().set_logger(nullptr);
  server.Start();
  std::cout << server.port() << std::endl;
  for (std::string line; std::getline(std::cin, line);) {
  }
  return 0;
}
