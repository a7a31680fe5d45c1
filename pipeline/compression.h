// Decompression of what servers and archives hand us: gzip (also multi-member, as in .warc.gz), zlib/deflate
// and brotli. Every decoder is bounded by `max_output`, so a small compressed bomb cannot exhaust memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <limits>
#include <memory>
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

// Reads a file as one byte stream, a chunk at a time, undoing gzip (every member in turn, as in .warc.gz) when
// the file starts with the gzip magic number. Memory stays bounded whatever the file's size.
class DecompressingFileReader {
 public:
  explicit DecompressingFileReader(const std::string& path);
  ~DecompressingFileReader();
  DecompressingFileReader(const DecompressingFileReader&) = delete;
  DecompressingFileReader& operator=(const DecompressingFileReader&) = delete;

  bool opened() const { return opened_; }
  // Appends up to `size` bytes to `out`; returns how many, 0 once the stream has ended.
  std::size_t Read(std::size_t size, std::string* out);
  // After Read() returned 0: kComplete, or kTruncated when the gzip data ended early or was corrupt.
  DecodeResult result() const { return result_; }
  // Bytes read from the file so far (compressed ones for a .gz): how far through it the reading is.
  std::uint64_t file_bytes_read() const { return file_bytes_read_; }

 private:
  struct Inflater;
  std::ifstream file_;
  std::string sniffed_;  // bytes read to recognise gzip, not yet handed out (plain files)
  bool opened_ = false;
  std::unique_ptr<Inflater> inflater_;  // null for a plain file
  DecodeResult result_ = DecodeResult::kComplete;
  std::uint64_t file_bytes_read_ = 0;
};

}  // namespace tradewire
