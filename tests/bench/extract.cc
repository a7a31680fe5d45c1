// Throughput of the article extractor, single-threaded, in process, against Gumbo's parse alone.
//
//   bench_extract [--slowest N] FILE...   (.gz files are decompressed)
//
// Each page is read, decompressed and charset-decoded (untimed, as DocumentProcessor does it), then timed twice
// over the same UTF-8 bytes: gumbo_parse_with_options + gumbo_destroy_output (the floor any Gumbo-based
// extractor pays), and ExtractArticle. Pages are processed one at a time so that peak RSS reflects the
// extractor's working set, not the corpus. Prints pages, MB, both MB/s, their ratio and peak RSS (ru_maxrss).
#include "extractors/html/extract.h"

#include <gumbo.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "extractors/html/charset.h"
#include "pipeline/data_files.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

struct PageTime {
  std::string path;
  std::size_t bytes;
  double parse_s;
  double extract_s;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace tradewire;
  std::size_t slowest = 0;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--slowest") == 0 && i + 1 < argc) {
      slowest = std::strtoul(argv[++i], nullptr, 10);
    } else {
      paths.push_back(argv[i]);
    }
  }
  if (paths.empty()) return std::fprintf(stderr, "usage: bench_extract [--slowest N] FILE...\n"), 2;

  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 50;  // as ExtractArticle parses
  std::size_t total_bytes = 0, articles = 0, body_bytes = 0;
  double parse_s = 0, extract_s = 0;
  std::vector<PageTime> times;
  for (const std::string& path : paths) {
    StatusOr<std::string> bytes = ReadFileBytes(path);
    if (!bytes.ok()) return std::fprintf(stderr, "%s\n", bytes.status().ToString().c_str()), 1;
    DecodedText decoded = DecodeToUtf8(*bytes, "");
    const std::string& html = decoded.utf8;

    auto started = Clock::now();
    GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
    gumbo_destroy_output(&options, output);
    double parse = Seconds(started);

    started = Clock::now();
    Article article = ExtractArticle(html, {}).value();
    double extract = Seconds(started);

    total_bytes += html.size();
    parse_s += parse;
    extract_s += extract;
    articles += article.kind == PageKind::kArticle;
    body_bytes += article.text.size();
    if (slowest > 0) times.push_back({path, html.size(), parse, extract});
  }

  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  double mb = total_bytes / 1e6;
  double parse_mbs = mb / parse_s, extract_mbs = mb / extract_s;
  std::printf("pages=%zu MB=%.1f articles=%zu body_MB=%.1f\n", paths.size(), mb, articles, body_bytes / 1e6);
  std::printf("parse-only %.1f MB/s (%.2f s)  extraction %.1f MB/s (%.2f s)  ratio %.2f  peak RSS %.1f MB\n", parse_mbs,
              parse_s, extract_mbs, extract_s, extract_mbs / parse_mbs, usage.ru_maxrss / 1024.0);
  if (slowest > 0) {
    // Pages where extraction costs most beyond the parse: where to look first when profiling.
    std::sort(times.begin(), times.end(),
              [](const PageTime& a, const PageTime& b) { return a.extract_s - a.parse_s > b.extract_s - b.parse_s; });
    for (std::size_t i = 0; i < std::min(slowest, times.size()); ++i) {
      const PageTime& t = times[i];
      std::printf("  %-60s %8zu bytes  parse %7.2f ms  extract %7.2f ms\n", t.path.c_str(), t.bytes, t.parse_s * 1e3,
                  t.extract_s * 1e3);
    }
  }
  return 0;
}
