// Near-duplicate detection on labelled pairs, and FingerprintText throughput.
//
//   bench_neardup PAIRS.jsonl
//
// PAIRS.jsonl: one {"label": 0|1, "kind": "...", "a": text, "b": text} per line (scripts/tune-neardup writes
// it). Prints precision, recall and F1 of IsNearDuplicate's rule (shared LSH band and NearDupScore ≥ t) for a
// sweep of thresholds t, the best one, the figures at the compiled-in kNearDupThreshold with a breakdown by
// pair kind, and the speed of FingerprintText as a ratio to a baseline pass over the same bytes.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "extractors/dedup/fingerprint.h"
#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

struct Pair {
  bool duplicate = false;
  std::string kind;
  std::string a;
  std::string b;
  bool candidate = false;  // shares an LSH band
  double score = 0;
};

struct Counts {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  double Precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
  double Recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

Counts Evaluate(const std::vector<Pair>& pairs, double threshold) {
  Counts counts;
  for (const Pair& pair : pairs) {
    const bool predicted = pair.candidate && pair.score >= threshold;
    if (predicted && pair.duplicate) ++counts.tp;
    if (predicted && !pair.duplicate) ++counts.fp;
    if (!predicted && pair.duplicate) ++counts.fn;
    if (!predicted && !pair.duplicate) ++counts.tn;
  }
  return counts;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs `work` over all texts until at least 0.5 s have passed; returns MB/s.
template <typename Work>
double Throughput(const std::vector<const std::string*>& texts, Work work) {
  std::size_t bytes = 0;
  std::size_t sink = 0;
  const auto start = std::chrono::steady_clock::now();
  do {
    for (const std::string* text : texts) {
      sink += work(*text);
      bytes += text->size();
    }
  } while (SecondsSince(start) < 0.5);
  const double seconds = SecondsSince(start);
  if (sink == 42) std::fputs("", stderr);  // keeps the work observable to the optimizer
  return static_cast<double>(bytes) / 1e6 / seconds;
}

// The first `limit` bytes of `text` on one line, cut at a character boundary: for printing a pair.
std::string Snippet(const std::string& text, std::size_t limit = 60) {
  std::size_t end = std::min(limit, text.size());
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  std::string out = text.substr(0, end);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out + (end < text.size() ? "…" : "");
}

int Run(const char* path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "bench_neardup: cannot open %s\n", path);
    return 2;
  }
  std::vector<Pair> pairs;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    const nlohmann::json entry = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (entry.is_discarded() || !entry.contains("label") || !entry.contains("a") || !entry.contains("b")) {
      std::fprintf(stderr, "bench_neardup: %s:%d: not a {label, kind, a, b} object\n", path, line_number);
      return 2;
    }
    Pair pair;
    pair.duplicate = entry["label"].get<int>() == 1;
    pair.kind = entry.value("kind", "unlabelled");
    pair.a = entry["a"].get<std::string>();
    pair.b = entry["b"].get<std::string>();
    pairs.push_back(std::move(pair));
  }
  if (pairs.empty()) {
    std::fprintf(stderr, "bench_neardup: %s holds no pairs\n", path);
    return 2;
  }
  int positives = 0;
  for (Pair& pair : pairs) {
    pair.candidate = SharesBand(FingerprintText(pair.a), FingerprintText(pair.b));
    pair.score = NearDupScore(pair.a, pair.b);
    positives += pair.duplicate;
  }
  int positive_candidates = 0, negative_candidates = 0;
  for (const Pair& pair : pairs) (pair.duplicate ? positive_candidates : negative_candidates) += pair.candidate;
  std::printf("pairs %zu (positive %d, negative %zu)\n", pairs.size(), positives, pairs.size() - positives);
  std::printf("lsh candidates: %d of %d positives, %d of %zu negatives\n", positive_candidates, positives,
              negative_candidates, pairs.size() - positives);

  std::printf("\n%9s %9s %9s %9s %5s %5s\n", "threshold", "precision", "recall", "f1", "fp", "fn");
  std::vector<double> best_thresholds;  // every threshold reaching the best F1: the middle one has most margin
  double best_f1 = -1;
  for (int step = 20; step <= 95; step += 5) {
    const double threshold = step / 100.0;
    const Counts counts = Evaluate(pairs, threshold);
    std::printf("%9.2f %9.3f %9.3f %9.3f %5d %5d\n", threshold, counts.Precision(), counts.Recall(), counts.F1(),
                counts.fp, counts.fn);
    if (counts.F1() > best_f1 + 1e-12) best_f1 = counts.F1(), best_thresholds.clear();
    if (counts.F1() > best_f1 - 1e-12) best_thresholds.push_back(threshold);
  }
  std::printf("best f1 %.3f at thresholds %.2f to %.2f (middle %.2f)\n", best_f1, best_thresholds.front(),
              best_thresholds.back(), best_thresholds[best_thresholds.size() / 2]);

  const Counts chosen = Evaluate(pairs, kNearDupThreshold);
  std::printf("\nchosen threshold %.2f: precision %.3f recall %.3f f1 %.3f (tp %d fp %d fn %d tn %d)\n",
              kNearDupThreshold, chosen.Precision(), chosen.Recall(), chosen.F1(), chosen.tp, chosen.fp, chosen.fn,
              chosen.tn);
  std::map<std::string, std::pair<int, int>> by_kind;  // kind → (correct, total)
  std::map<std::string, double> max_negative_score;
  for (const Pair& pair : pairs) {
    const bool predicted = pair.candidate && pair.score >= kNearDupThreshold;
    auto& [correct, total] = by_kind[(pair.duplicate ? "positive/" : "negative/") + pair.kind];
    correct += predicted == pair.duplicate;
    ++total;
    if (!pair.duplicate) {
      double& worst = max_negative_score["negative/" + pair.kind];
      worst = std::max(worst, pair.score);
    }
  }
  for (const auto& [kind, tally] : by_kind) {
    std::printf("  %-34s %4d / %-4d correct", kind.c_str(), tally.first, tally.second);
    if (auto it = max_negative_score.find(kind); it != max_negative_score.end()) {
      std::printf("  (highest score %.2f)", it->second);
    }
    std::printf("\n");
  }

  int shown = 0;
  for (const Pair& pair : pairs) {
    const bool predicted = pair.candidate && pair.score >= kNearDupThreshold;
    if (predicted == pair.duplicate || ++shown > 8) continue;
    std::printf("  wrong: %s/%s score %.2f candidate %d, %zu and %zu bytes: \"%s\" / \"%s\"\n",
                pair.duplicate ? "positive" : "negative", pair.kind.c_str(), pair.score, pair.candidate,
                pair.a.size(), pair.b.size(), Snippet(pair.a).c_str(), Snippet(pair.b).c_str());
  }

  std::vector<const std::string*> texts;
  for (const Pair& pair : pairs) texts.push_back(&pair.a), texts.push_back(&pair.b);
  const double baseline = Throughput(texts, [](const std::string& text) { return CollapseWhitespace(text).size(); });
  const double fingerprint =
      Throughput(texts, [](const std::string& text) { return static_cast<std::size_t>(FingerprintText(text).simhash); });
  const double content_hash = Throughput(texts, [](const std::string& text) { return ContentHash(text).size(); });
  std::printf("\nspeed (MB/s): baseline CollapseWhitespace %.1f, FingerprintText %.1f (%.2fx baseline), "
              "ContentHash %.1f (%.2fx baseline)\n",
              baseline, fingerprint, fingerprint / baseline, content_hash, content_hash / baseline);
  return 0;
}

}  // namespace
}  // namespace tradewire

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s PAIRS.jsonl\n", argv[0]);
    return 2;
  }
  return tradewire::Run(argv[1]);
}
