#include "pipeline/compression.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <memory>

namespace tradewire {
namespace {

// `window_bits` as zlib takes it: 16+15 gzip, 15 zlib, -15 raw deflate.
DecodeResult ZlibDecode(std::string_view compressed, std::string* out, std::size_t max_output, int window_bits,
                        bool multi_member) {
  z_stream stream{};
  if (inflateInit2(&stream, window_bits) != Z_OK) return DecodeResult::kTruncated;
  std::unique_ptr<z_stream, int (*)(z_streamp)> guard(&stream, inflateEnd);
  char buffer[1 << 16];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    int rc = inflate(&stream, Z_NO_FLUSH);
    std::size_t produced = sizeof buffer - stream.avail_out;
    if (out->size() + produced > max_output) {
      out->append(buffer, max_output - out->size());
      return DecodeResult::kTooLarge;
    }
    out->append(buffer, produced);
    if (rc == Z_STREAM_END) {
      if (stream.avail_in == 0 || !multi_member) return DecodeResult::kComplete;
      inflateReset(&stream);  // the next member
      continue;
    }
    if (rc != Z_OK) return DecodeResult::kTruncated;
    if (stream.avail_in == 0 && produced == 0) return DecodeResult::kTruncated;
  }
}

}  // namespace

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

DecodeResult Gunzip(std::string_view compressed, std::string* out, std::size_t max_output) {
  return ZlibDecode(compressed, out, max_output, 16 + MAX_WBITS, true);
}

DecodeResult Inflate(std::string_view compressed, std::string* out, std::size_t max_output) {
  std::string attempt;
  DecodeResult result = ZlibDecode(compressed, &attempt, max_output, MAX_WBITS, false);
  if (result == DecodeResult::kTruncated && attempt.empty()) {
    return ZlibDecode(compressed, out, max_output, -MAX_WBITS, false);
  }
  out->append(attempt);
  return result;
}

DecodeResult BrotliDecode(std::string_view compressed, std::string* out, std::size_t max_output) {
  std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState*)> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), BrotliDecoderDestroyInstance);
  if (!state) return DecodeResult::kTruncated;
  const auto* next_in = reinterpret_cast<const uint8_t*>(compressed.data());
  std::size_t available_in = compressed.size();
  uint8_t buffer[1 << 16];
  while (true) {
    uint8_t* next_out = buffer;
    std::size_t available_out = sizeof buffer;
    BrotliDecoderResult rc =
        BrotliDecoderDecompressStream(state.get(), &available_in, &next_in, &available_out, &next_out, nullptr);
    std::size_t produced = sizeof buffer - available_out;
    if (out->size() + produced > max_output) {
      out->append(reinterpret_cast<char*>(buffer), max_output - out->size());
      return DecodeResult::kTooLarge;
    }
    out->append(reinterpret_cast<char*>(buffer), produced);
    if (rc == BROTLI_DECODER_RESULT_SUCCESS) return DecodeResult::kComplete;
    if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) continue;
    return DecodeResult::kTruncated;  // needs more input than there is, or an error
  }
}

struct DecompressingFileReader::Inflater {
  z_stream stream{};
  std::string input;  // the compressed chunk being consumed
  bool started = false;
  bool ended = false;

  Inflater() { inflateInit2(&stream, 16 + MAX_WBITS); }
  ~Inflater() { inflateEnd(&stream); }
};

DecompressingFileReader::DecompressingFileReader(const std::string& path) : file_(path, std::ios::binary) {
  opened_ = static_cast<bool>(file_);
  if (!opened_) return;
  // The magic number is read, not peeked and sought back over, so that a pipe (stdin) is read like a file.
  sniffed_.resize(2);
  file_.read(sniffed_.data(), 2);
  sniffed_.resize(static_cast<std::size_t>(file_.gcount()));
  file_bytes_read_ = sniffed_.size();
  if (!IsGzip(sniffed_)) return;
  inflater_ = std::make_unique<Inflater>();
  inflater_->input = std::move(sniffed_);
  sniffed_.clear();
  inflater_->stream.next_in = reinterpret_cast<Bytef*>(inflater_->input.data());
  inflater_->stream.avail_in = static_cast<uInt>(inflater_->input.size());
}

DecompressingFileReader::~DecompressingFileReader() = default;

std::size_t DecompressingFileReader::Read(std::size_t size, std::string* out) {
  if (!opened_ || size == 0) return 0;
  std::size_t before = out->size();
  if (!inflater_) {
    std::size_t sniffed = std::min(size, sniffed_.size());
    out->append(sniffed_, 0, sniffed);
    sniffed_.erase(0, sniffed);
    size -= sniffed;
    out->resize(out->size() + size);
    file_.read(out->data() + out->size() - size, static_cast<std::streamsize>(size));
    out->resize(out->size() - size + static_cast<std::size_t>(file_.gcount()));
    file_bytes_read_ += static_cast<std::uint64_t>(file_.gcount());
    return out->size() - before;
  }
  Inflater& z = *inflater_;
  out->resize(before + size);
  z.stream.next_out = reinterpret_cast<Bytef*>(out->data() + before);
  z.stream.avail_out = static_cast<uInt>(size);
  while (z.stream.avail_out > 0 && !z.ended) {
    if (z.stream.avail_in == 0) {
      z.input.resize(1 << 16);
      file_.read(z.input.data(), static_cast<std::streamsize>(z.input.size()));
      z.input.resize(static_cast<std::size_t>(file_.gcount()));
      file_bytes_read_ += z.input.size();
      if (z.input.empty()) {
        // The file ended: whole when the last member did, truncated in the middle of one.
        if (z.started) result_ = DecodeResult::kTruncated;
        z.ended = true;
        break;
      }
      z.stream.next_in = reinterpret_cast<Bytef*>(z.input.data());
      z.stream.avail_in = static_cast<uInt>(z.input.size());
    }
    z.started = true;
    int rc = inflate(&z.stream, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      inflateReset(&z.stream);  // the next member, if the file holds one
      z.started = false;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      result_ = DecodeResult::kTruncated;
      z.ended = true;
    }
  }
  out->resize(out->size() - z.stream.avail_out);
  return out->size() - before;
}

}  // namespace tradewire
