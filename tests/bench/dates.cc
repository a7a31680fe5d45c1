// Throughput of the date tagger family, single-threaded, in process.
//
//   bench_dates FILE...   (.tml files have their tags stripped; anything else is read as plain text)
//
// Prints MB/s of the date tagger over the texts and, as a baseline measured in the same run over the same bytes,
// one RE2 scan for four-digit numbers — the cost of the cheapest possible single-regex date finder — so the
// figure can be read as a ratio independent of the machine.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "extractors/tag/families.h"
#include "pipeline/data_files.h"
#include "tests/support/timeml.h"

namespace tradewire {
namespace {

template <typename F>
double SecondsFor(int rounds, F&& body) {
  const auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < rounds; ++round) body();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int Run(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_dates FILE...\n");
    return 2;
  }
  std::vector<std::string> texts;
  std::size_t bytes = 0;
  for (int i = 1; i < argc; ++i) {
    StatusOr<std::string> content = ReadFileBytes(argv[i]);
    if (!content.ok()) {
      std::fprintf(stderr, "bench_dates: %s\n", content.status().message().c_str());
      return 2;
    }
    const std::string path = argv[i];
    texts.push_back(testing::IsTimeMLPath(path) ? testing::StripTags(*content) : std::move(content).value());
    bytes += texts.back().size();
  }
  StatusOr<std::unique_ptr<TaggerFamily>> tagger = MakeDateTagger(DataFiles{});
  if (!tagger.ok()) {
    std::fprintf(stderr, "bench_dates: %s\n", tagger.status().message().c_str());
    return 1;
  }
  const int rounds = std::max<int>(1, static_cast<int>((64u << 20) / std::max<std::size_t>(bytes, 1)));
  std::size_t mentions = 0;
  const double tagger_seconds = SecondsFor(rounds, [&] {
    for (const std::string& text : texts) {
      TagContext context;
      context.text = text;
      context.anchor = "2000-01-01";
      Mentions out;
      (*tagger)->Tag(context, &out);
      mentions += out.size();
    }
  });
  const RE2 year(R"(\b\d{4}\b)");
  std::size_t years = 0;
  const double baseline_seconds = SecondsFor(rounds, [&] {
    for (const std::string& text : texts) {
      re2::StringPiece input(text);
      while (RE2::FindAndConsume(&input, year)) ++years;
    }
  });
  const double megabytes = static_cast<double>(bytes) * rounds / 1e6;
  std::printf("texts %zu, %.2f MB x %d rounds, %zu date mentions per round\n", texts.size(), bytes / 1e6, rounds,
              mentions / rounds);
  std::printf("date tagger         %8.1f MB/s\n", megabytes / tagger_seconds);
  std::printf("baseline one regex  %8.1f MB/s (%zu four-digit numbers per round)\n", megabytes / baseline_seconds,
              years / rounds);
  std::printf("ratio tagger/baseline %.2f\n", baseline_seconds / tagger_seconds);
  return 0;
}

}  // namespace
}  // namespace tradewire

int main(int argc, char** argv) { return tradewire::Run(argc, argv); }
