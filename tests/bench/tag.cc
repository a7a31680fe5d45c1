// bench_tag FILE...: all taggers over the given texts (TimeML .tml files have their markup stripped), single
// thread; prints MB/s of text tagged. Used by scripts/bench-tag.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "extractors/tag/taggers.h"
#include "pipeline/data_files.h"

namespace {

std::string StripMarkup(const std::string& xml) {
  std::string text;
  bool in_tag = false;
  for (char c : xml) {
    if (c == '<') in_tag = true;
    if (!in_tag) text += c;
    if (c == '>') in_tag = false;
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tradewire;
  StatusOr<DataFiles> files = LoadDataFiles(TRADEWIRE_SOURCE_DIR "/schemas");
  if (!files.ok()) return std::fprintf(stderr, "%s\n", files.status().ToString().c_str()), 1;
  StatusOr<Taggers> taggers = Taggers::Create(*files);
  if (!taggers.ok()) return std::fprintf(stderr, "%s\n", taggers.status().ToString().c_str()), 1;
  std::vector<Article> articles;
  std::size_t bytes = 0;
  for (int i = 1; i < argc; ++i) {
    StatusOr<std::string> contents = ReadFileBytes(argv[i]);
    if (!contents.ok()) return std::fprintf(stderr, "%s\n", contents.status().ToString().c_str()), 1;
    Article article;
    std::string path = argv[i];
    article.text = path.size() > 4 && path.substr(path.size() - 4) == ".tml" ? StripMarkup(*contents) : *contents;
    bytes += article.text.size();
    articles.push_back(std::move(article));
  }
  if (bytes == 0) return std::fprintf(stderr, "bench_tag: no text given\n"), 1;
  std::size_t mentions = 0;
  auto start = std::chrono::steady_clock::now();
  constexpr int kRounds = 3;
  for (int round = 0; round < kRounds; ++round) {
    for (const Article& article : articles) mentions += taggers->Tag(article, "2025-05-20").size();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("files=%zu bytes=%zu mentions/round=%zu seconds=%.3f MB/s=%.1f\n", articles.size(), bytes,
              mentions / kRounds, seconds, kRounds * bytes / 1e6 / seconds);
  return 0;
}
