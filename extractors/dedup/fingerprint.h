// Text fingerprints for deduplication. Pure.
//  - ContentHash: identical after normalization (case, white space, punctuation) → same hash. A page re-served
//    with new ads or re-flowed paragraphs is not new.
//  - NearDupFingerprint: the same story syndicated by another outlet, with its own headline and a trimmed or
//    extended ending, lands within kNearDupMaxDistance bits.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tradewire {

// Hex digest of the normalized body text; stable across runs, platforms and versions.
std::string ContentHash(std::string_view text);

struct NearDupFingerprint {
  std::uint64_t simhash = 0;
  // Band keys for candidate lookup (an index column each): two fingerprints within kNearDupMaxDistance bits
  // share at least one band key.
  std::array<std::uint32_t, 4> bands{};
};

NearDupFingerprint FingerprintText(std::string_view text);
int HammingDistance(std::uint64_t a, std::uint64_t b);

// Whether two texts are the same story; `a` and `b` are the fingerprints, the texts allow a precise check of
// candidates (containment of word shingles) when the fingerprints alone are not conclusive.
bool IsNearDuplicate(const NearDupFingerprint& a, std::string_view text_a, const NearDupFingerprint& b,
                     std::string_view text_b);

}  // namespace tradewire
