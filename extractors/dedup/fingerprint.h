// Text fingerprints for deduplication. Pure.
//
// Both levels see a text as its words: ICU NFKC_Casefold, then maximal runs of \w (letters, marks, digits,
// connector punctuation); each Han/kana character is a word of its own, since those scripts do not separate
// words by spaces. White space, punctuation, bullets and quote styles therefore never matter.
//
//  - ContentHash: the same words in the same order → the same hash. A page re-served with new ads or re-flowed
//    paragraphs is not new.
//  - Near-duplicates: the same story syndicated by another outlet, with its own headline or lead sentence, a
//    trimmed or extended ending, a few edited words or an agency credit line. Candidates are found by MinHash
//    LSH over word 4-gram shingles (`bands`), then verified on the texts (NearDupScore).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tradewire {

// 128-bit FNV-1a over the UTF-8 of the words joined by one U+0020, as 32 lower-case hex digits. The algorithm
// is fixed: stored hashes stay comparable across runs, platforms and versions (only a Unicode version that
// changes NFKC_Casefold for a character could change a hash). Empty for a text without words.
std::string ContentHash(std::string_view text);

// MinHash LSH: band i is a 32-bit key made from 2 MinHash values (of kNearDupBands * 2). A pair of texts whose
// shingle sets have Jaccard similarity J shares at least one band with probability 1 - (1 - J^2)^kNearDupBands
// (J = 0.35 → 0.88, J = 0.5 → 0.99, J = 0.05 → 0.04).
inline constexpr int kNearDupBands = 16;

struct NearDupFingerprint {
  // 64-bit SimHash of the shingles: a cheap similarity sketch (HammingDistance) for reports; not used to decide.
  std::uint64_t simhash = 0;
  // Candidate keys. The store indexes every (band index, key) pair, e.g. one row per band in a side table
  // `(band INTEGER, key INTEGER, document_id)` with an index on (band, key), and compares a new text only with
  // texts sharing at least one pair. Key 0 means "no key" (a text without words): never index it.
  std::array<std::uint32_t, kNearDupBands> bands{};
};

NearDupFingerprint FingerprintText(std::string_view text);
int HammingDistance(std::uint64_t a, std::uint64_t b);

// Whether the two fingerprints share a band key at the same band index (what makes them LSH candidates).
bool SharesBand(const NearDupFingerprint& a, const NearDupFingerprint& b);

// How much of the shorter text the longer one contains, in word 4-gram shingles: |A ∩ B| / max(min(|A|, |B|),
// max(|A|, |B|) / 2), in [0, 1]. Containment rather than Jaccard, so that a trimmed or extended ending costs
// little; a text less than half as long as the other counts as half as long, so that a one-paragraph brief
// is not the same story as the long feature that quotes it. 0 when either text has no words.
double NearDupScore(std::string_view text_a, std::string_view text_b);

// Tuned by scripts/tune-neardup on 1094 labelled pairs: 0.70 has the best F1 (precision 1.000, recall 0.987).
// Below it, short briefs sharing one site's template start to match (the template is most of their words);
// above it, short syndicated copies wrapped in another outlet's template are missed.
inline constexpr double kNearDupThreshold = 0.70;

// Whether two texts are the same story: they are LSH candidates (SharesBand) and NearDupScore of the texts
// reaches kNearDupThreshold. Requiring the shared band keeps the answer the same whichever way the caller found
// the pair, so clusters do not depend on lookup order.
bool IsNearDuplicate(const NearDupFingerprint& a, std::string_view text_a, const NearDupFingerprint& b,
                     std::string_view text_b);

}  // namespace tradewire
