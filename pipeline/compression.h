// Decompression of what servers and archives hand us: gzip (also multi-member, as in .warc.gz), zlib/deflate
// and brotli. Every decoder is bounded by `max_output`, so a small compressed bomb cannot exhaust memory.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

namespace tradewire {

inline constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

enum class DecodeResult {
  kComplete,   // the whole stream decoded
  kTruncated,  // the data ends early or is corrupt; `out` has what could be decoded
  kTooLarge,   // the output would pass max_output; `out` holds the first max_output bytes at most
};

// Whether `bytes` start with the gzip magic number.
bool IsGzip(std::string_view bytes);

// gzip, every member in turn.
DecodeResult Gunzip(std::string_view compressed, std::string* out, std::size_t max_output = kUnbounded);
// HTTP "deflate": a zlib stream (or, as some servers send, a raw deflate stream).
DecodeResult Inflate(std::string_view compressed, std::string* out, std::size_t max_output = kUnbounded);
DecodeResult BrotliDecode(std::string_view compressed, std::string* out, std::size_t max_output = kUnbounded);

}  // namespace tradewire
