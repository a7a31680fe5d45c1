#include "extractors/dedup/fingerprint.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <bit>
#include <limits>
#include <vector>

namespace tradewire {
namespace {

constexpr std::size_t kShingleWords = 4;

// ---- Words ------------------------------------------------------------------------------------------------

bool IsAsciiWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// ICU's \w: Alphabetic, marks, decimal digits, connector punctuation, ZWJ/ZWNJ.
bool IsWordCodePoint(UChar32 c) {
  if (c < 0x80) return IsAsciiWordByte(static_cast<unsigned char>(c));
  if (c == 0x200C || c == 0x200D) return true;
  if (c >= 0x2010 && c <= 0x2027) return false;  // dashes, quotes, bullets: common, and cheap to rule out here
  return u_isUAlphabetic(c) || (U_GET_GC_MASK(c) & (U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK)) != 0;
}

// Scripts written without spaces between words: every character is a word.
bool IsUnspacedScript(UChar32 c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// NFKC_Casefold of `text`. ICU is slow next to lower-casing ASCII, and English news is ASCII but for a few quotes
// and dashes, so only the white-space-separated pieces holding non-ASCII bytes go through ICU. The result is the
// same as normalizing the whole text: nothing composes across ASCII white space, and lower-casing ASCII letters
// first does not change what NFKC_Casefold makes of a piece.
std::string NormalizeForWords(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; });
  if (IsAscii(lower)) return lower;

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
  // Normalization only fails on resource limits; the unnormalized words still deduplicate exact copies.
  if (U_FAILURE(status)) return lower;
  std::string out;
  out.reserve(lower.size() + lower.size() / 8);
  const std::string_view all(lower);
  std::size_t i = 0;
  while (i < all.size()) {
    const std::size_t piece_start = i;
    while (i < all.size() && !IsAsciiSpace(all[i])) ++i;
    const std::string_view piece = all.substr(piece_start, i - piece_start);
    if (IsAscii(piece)) {
      out += piece;
    } else {
      icu::StringByteSink<std::string> sink(&out);
      normalizer->normalizeUTF8(0, icu::StringPiece(piece.data(), static_cast<int32_t>(piece.size())), sink,
                                nullptr, status);
      if (U_FAILURE(status)) return lower;
    }
    const std::size_t space_start = i;
    while (i < all.size() && IsAsciiSpace(all[i])) ++i;
    out += all.substr(space_start, i - space_start);
  }
  return out;
}

// The normalized text's words, as views into `normalized`.
std::vector<std::string_view> SplitWords(const std::string& normalized) {
  std::vector<std::string_view> words;
  const auto* bytes = reinterpret_cast<const uint8_t*>(normalized.data());
  const auto length = static_cast<int32_t>(normalized.size());
  int32_t word_start = -1;
  int32_t i = 0;
  auto close_word = [&](int32_t end) {
    if (word_start >= 0) words.emplace_back(normalized.data() + word_start, static_cast<std::size_t>(end - word_start));
    word_start = -1;
  };
  while (i < length) {
    if (bytes[i] < 0x80) {  // fast path
      if (IsAsciiWordByte(bytes[i])) {
        if (word_start < 0) word_start = i;
      } else {
        close_word(i);
      }
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && IsUnspacedScript(c)) {
      close_word(start);
      words.emplace_back(normalized.data() + start, static_cast<std::size_t>(i - start));
    } else if (c >= 0 && IsWordCodePoint(c)) {
      if (word_start < 0) word_start = start;
    } else {
      close_word(start);
    }
  }
  close_word(length);
  return words;
}

// ---- Hashing (fixed algorithms: stored values must stay comparable) -----------------------------------------

constexpr std::uint64_t kFnv64Offset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnv64Prime = 0x100000001b3ULL;

std::uint64_t Fnv1a64(std::string_view s) {
  std::uint64_t h = kFnv64Offset;
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnv64Prime;
  }
  return h;
}

// MurmurHash3's 64-bit finalizer: every input bit affects every output bit.
constexpr std::uint64_t Mix64(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// One hash per run of kShingleWords consecutive words (one for the whole text when it is shorter).
std::vector<std::uint64_t> ShingleHashes(std::string_view text) {
  const std::string normalized = NormalizeForWords(text);
  const std::vector<std::string_view> words = SplitWords(normalized);
  std::vector<std::uint64_t> word_hashes(words.size());
  std::transform(words.begin(), words.end(), word_hashes.begin(), Fnv1a64);
  std::vector<std::uint64_t> shingles;
  if (words.empty()) return shingles;
  const std::size_t width = std::min(kShingleWords, words.size());
  shingles.reserve(words.size() - width + 1);
  for (std::size_t i = 0; i + width <= words.size(); ++i) {
    std::uint64_t h = 0;
    for (std::size_t k = 0; k < width; ++k) h = Mix64(h ^ word_hashes[i + k]);
    shingles.push_back(h);
  }
  return shingles;
}

std::vector<std::uint64_t> UniqueSorted(std::vector<std::uint64_t> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

// MinHash permutation i maps a shingle hash x to multiplier * x + addend (mod 2^64): a bijection, and since x
// is already uniformly mixed, its order is a good random order. Much cheaper than re-mixing x per permutation.
struct Permutation {
  std::uint64_t multiplier = 0;
  std::uint64_t addend = 0;
};
constexpr std::array<Permutation, 2 * kNearDupBands> kPermutations = [] {
  std::array<Permutation, 2 * kNearDupBands> permutations{};
  for (std::size_t i = 0; i < permutations.size(); ++i) {
    permutations[i].multiplier = Mix64(0x9e3779b97f4a7c15ULL * (2 * i + 1)) | 1;  // odd: a bijection
    permutations[i].addend = Mix64(0x9e3779b97f4a7c15ULL * (2 * i + 2));
  }
  return permutations;
}();

std::string Hex128(unsigned __int128 value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 31; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHex[static_cast<unsigned>(value & 0xF)];
    value >>= 4;
  }
  return out;
}

}  // namespace

std::string ContentHash(std::string_view text) {
  const std::string normalized = NormalizeForWords(text);
  const std::vector<std::string_view> words = SplitWords(normalized);
  if (words.empty()) return {};
  // FNV-1a 128: offset basis 144066263297769815596495629667062367629, prime 2^88 + 2^8 + 0x3b.
  constexpr unsigned __int128 kPrime = (static_cast<unsigned __int128>(1) << 88) + 0x13b;
  unsigned __int128 h = (static_cast<unsigned __int128>(0x6c62272e07bb0142ULL) << 64) | 0x62b821756295c58dULL;
  auto feed = [&h](std::string_view bytes) {
    for (unsigned char c : bytes) {
      h ^= c;
      h *= kPrime;
    }
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) feed(" ");
    feed(words[i]);
  }
  return Hex128(h);
}

NearDupFingerprint FingerprintText(std::string_view text) {
  NearDupFingerprint fingerprint;
  const std::vector<std::uint64_t> shingles = ShingleHashes(text);
  if (shingles.empty()) return fingerprint;

  // SimHash votes: per bit, how many shingle hashes have it set. Counted 8 bits at a time in byte-wide lanes
  // (lane k, byte j counts bit 8j + k), emptied into `ones` before a byte can overflow.
  std::array<std::size_t, 64> ones{};
  std::array<std::uint64_t, 8> lanes{};
  int lane_count = 0;
  auto empty_lanes = [&] {
    for (std::size_t k = 0; k < 8; ++k) {
      for (std::size_t j = 0; j < 8; ++j) ones[8 * j + k] += (lanes[k] >> (8 * j)) & 0xFF;
    }
    lanes.fill(0);
    lane_count = 0;
  };
  std::array<std::uint64_t, 2 * kNearDupBands> minimum;
  minimum.fill(std::numeric_limits<std::uint64_t>::max());
  for (std::uint64_t shingle : shingles) {
    for (std::size_t k = 0; k < 8; ++k) lanes[k] += (shingle >> k) & 0x0101010101010101ULL;
    if (++lane_count == 255) empty_lanes();
    for (std::size_t i = 0; i < minimum.size(); ++i) {
      minimum[i] = std::min(minimum[i], kPermutations[i].multiplier * shingle + kPermutations[i].addend);
    }
  }
  empty_lanes();
  for (std::size_t bit = 0; bit < 64; ++bit) {
    if (2 * ones[bit] > shingles.size()) fingerprint.simhash |= std::uint64_t{1} << bit;
  }
  for (std::size_t band = 0; band < fingerprint.bands.size(); ++band) {
    const std::uint64_t key = Mix64(minimum[2 * band] ^ std::rotl(minimum[2 * band + 1], 32));
    const auto key32 = static_cast<std::uint32_t>(key ^ (key >> 32));
    fingerprint.bands[band] = key32 == 0 ? 1 : key32;  // 0 is reserved for "no key"
  }
  return fingerprint;
}

int HammingDistance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

bool SharesBand(const NearDupFingerprint& a, const NearDupFingerprint& b) {
  for (std::size_t i = 0; i < a.bands.size(); ++i) {
    if (a.bands[i] != 0 && a.bands[i] == b.bands[i]) return true;
  }
  return false;
}

double NearDupScore(std::string_view text_a, std::string_view text_b) {
  const std::vector<std::uint64_t> a = UniqueSorted(ShingleHashes(text_a));
  const std::vector<std::uint64_t> b = UniqueSorted(ShingleHashes(text_b));
  if (a.empty() || b.empty()) return 0.0;
  std::size_t shared = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++shared, ++i, ++j;
    }
  }
  const double shorter = static_cast<double>(std::min(a.size(), b.size()));
  const double longer = static_cast<double>(std::max(a.size(), b.size()));
  return static_cast<double>(shared) / std::max(shorter, longer / 2);
}

bool IsNearDuplicate(const NearDupFingerprint& a, std::string_view text_a, const NearDupFingerprint& b,
                     std::string_view text_b) {
  return SharesBand(a, b) && NearDupScore(text_a, text_b) >= kNearDupThreshold;
}

}  // namespace tradewire
