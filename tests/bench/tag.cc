// bench_tag [--dump] [--rounds N] FILE...: all taggers over the given texts (TimeML .tml files have their markup
// stripped), single thread; prints MB/s of text tagged. Used by scripts/bench-tag.
//
// Three lines:
//   baseline  ICU word segmentation of the same texts, in the same run: the cost of merely reading the text word by
//             word, so that runs on a busy or slower machine compare by the ratio;
//   first     one pass from a fresh Taggers: what a process pays once, as RE2 builds its automata state by state as
//             texts first reach them (one_time_ms: this pass less a steady pass);
//   steady    N passes once that is done: the throughput of an ingest run, which tags thousands of articles
//             (target: >= 30 MB/s).
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

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "extractors/tag/taggers.h"
#include "pipeline/data_files.h"
#include "tests/support/timeml.h"

int main(int argc, char** argv) {
  using namespace tradewire;
  bool dump = false;
  int rounds = 5;
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
  struct Timed {
    double seconds, cpu_seconds;
    std::size_t count;
  };
  auto timed = [](auto&& work) {
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu_start = std::clock();
    std::size_t count = work();
    return Timed{std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                 static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC, count};
  };
  auto tag_all = [&] {
    std::size_t mentions = 0;
    for (const Article& article : articles) mentions += taggers->Tag(article, "2025-05-20").size();
    return mentions;
  };
  auto words_all = [&] {
    std::size_t words = 0;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> iterator(
        icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status));
    for (const Article& article : articles) {
      UText text = UTEXT_INITIALIZER;
      utext_openUTF8(&text, article.text.data(), static_cast<int64_t>(article.text.size()), &status);
      iterator->setText(&text, status);
      for (int32_t at = iterator->next(); at != icu::BreakIterator::DONE; at = iterator->next()) ++words;
      utext_close(&text);
    }
    return U_SUCCESS(status) ? words : 0;
  };
  auto print = [&](const char* label, const Timed& t, int passes, const char* extra) {
    std::printf("%-8s files=%zu bytes=%zu passes=%d count/pass=%zu seconds=%.3f MB/s=%.1f cpu_MB/s=%.1f%s\n", label,
                articles.size(), bytes, passes, t.count / passes, t.seconds, passes * bytes / 1e6 / t.seconds,
                passes * bytes / 1e6 / t.cpu_seconds, extra);
  };
  Timed first = timed(tag_all);
  Timed steady = timed([&] {
    std::size_t mentions = 0;
    for (int round = 0; round < rounds; ++round) mentions += tag_all();
    return mentions;
  });
  Timed baseline = timed([&] {
    std::size_t words = 0;
    for (int round = 0; round < rounds; ++round) words += words_all();
    return words;
  });
  print("baseline", baseline, rounds, "  (ICU word segmentation)");
  char one_time[64];
  std::snprintf(one_time, sizeof one_time, "  one_time_ms=%.0f", 1e3 * (first.seconds - steady.seconds / rounds));
  print("first", first, 1, one_time);
  char ratio[64];
  std::snprintf(ratio, sizeof ratio, "  cost_vs_baseline=%.2fx", steady.cpu_seconds / baseline.cpu_seconds);
  print("steady", steady, rounds, ratio);
  return 0;
}
