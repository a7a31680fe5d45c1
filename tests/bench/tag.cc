// bench_tag [--dump] [--rounds N] FILE...: all taggers over the given texts (TimeML .tml files have their markup
// stripped), single thread; prints MB/s of text tagged. Used by scripts/bench-tag.
//
// The first line times N rounds from a fresh Taggers, so it includes what a process pays once: RE2 builds its
// automata lazily, state by state, as texts first reach them. The second line times N more rounds, once they are
// built: the throughput of a long ingest run.
//
// --dump prints every mention instead, one JSON line each, so that a change meant to be output-neutral (a speed-up)
// can be checked by diffing the dumps of the old and new binaries over the same texts.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/tag/taggers.h"
#include "pipeline/data_files.h"
#include "tests/support/timeml.h"

int main(int argc, char** argv) {
  using namespace tradewire;
  bool dump = false;
  int rounds = 3;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--dump") {
      dump = true;
    } else if (arg == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else {
      paths.emplace_back(arg);
    }
  }
  StatusOr<DataFiles> files = LoadDataFiles(TRADEWIRE_SOURCE_DIR "/schemas");
  if (!files.ok()) return std::fprintf(stderr, "%s\n", files.status().ToString().c_str()), 1;
  StatusOr<Taggers> taggers = Taggers::Create(*files);
  if (!taggers.ok()) return std::fprintf(stderr, "%s\n", taggers.status().ToString().c_str()), 1;
  std::vector<Article> articles;
  std::size_t bytes = 0;
  for (const std::string& path : paths) {
    StatusOr<std::string> contents = ReadFileBytes(path);
    if (!contents.ok()) return std::fprintf(stderr, "%s\n", contents.status().ToString().c_str()), 1;
    Article article;
    article.text = testing::IsTimeMLPath(path) ? testing::StripTags(*contents) : std::move(contents).value();
    bytes += article.text.size();
    articles.push_back(std::move(article));
  }
  if (bytes == 0) return std::fprintf(stderr, "bench_tag: no text given\n"), 1;
  if (dump) {
    for (std::size_t i = 0; i < articles.size(); ++i) {
      for (const Mention& mention : taggers->Tag(articles[i], "2025-05-20")) {
        nlohmann::json line = {{"file", paths[i]},      {"type", mention.type}, {"start", mention.start},
                               {"end", mention.end},    {"text", mention.text}, {"value", mention.value}};
        std::printf("%s\n", line.dump().c_str());
      }
    }
    return 0;
  }
  // Wall time is what the target is stated in; CPU time is steadier on a busy machine (time spent waiting for a
  // core is not counted), so compare runs by it when other work shares the machine.
  for (const char* label : {"", "warm "}) {
    std::size_t mentions = 0;
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu_start = std::clock();
    for (int round = 0; round < rounds; ++round) {
      for (const Article& article : articles) mentions += taggers->Tag(article, "2025-05-20").size();
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    std::printf("%sfiles=%zu bytes=%zu mentions/round=%zu seconds=%.3f MB/s=%.1f cpu_seconds=%.3f cpu_MB/s=%.1f\n",
                label, articles.size(), bytes, mentions / rounds, seconds, rounds * bytes / 1e6 / seconds, cpu_seconds,
                rounds * bytes / 1e6 / cpu_seconds);
  }
  return 0;
}
