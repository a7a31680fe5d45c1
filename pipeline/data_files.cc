#include "pipeline/data_files.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <zlib.h>

namespace tradewire {
namespace fs = std::filesystem;

namespace {

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

// Inflates every gzip member of `compressed`; fails on a corrupt or truncated stream.
StatusOr<std::string> Gunzip(std::string_view compressed, const std::string& name) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return Status::Internal("zlib init failed");
  std::string out;
  char buffer[1 << 16];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  int rc = Z_OK;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (rc == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      inflateReset(&stream);  // next gzip member
      continue;
    }
    if (rc != Z_OK) break;
  }
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) return Status::Corruption(name + ": corrupt or truncated gzip data");
  return out;
}

}  // namespace

StatusOr<std::string> ReadFileBytes(const std::string& path) {
  std::string bytes;
  if (path == "-") {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return Status::InvalidArgument(path + ": is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound(path + ": cannot open file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return Status::IOError(path + ": read error");
    bytes = std::move(buffer).str();
  }
  if (IsGzip(bytes)) return Gunzip(bytes, path);
  return bytes;
}

StatusOr<DataFiles> LoadDataFiles(const std::string& schemas_dir) {
  DataFiles files;
  std::error_code ec;
  if (!fs::is_directory(schemas_dir, ec)) return Status::NotFound("schemas folder " + schemas_dir + " does not exist");
  for (const char* sub : {"gazetteers", "taxonomy"}) {
    fs::path dir = fs::path(schemas_dir) / sub;
    if (!fs::is_directory(dir, ec)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
      if (!entry.is_regular_file()) continue;
      StatusOr<std::string> bytes = ReadFileBytes(entry.path().string());
      if (!bytes.ok()) return bytes.status();
      files[fs::relative(entry.path(), schemas_dir).generic_string()] = std::move(bytes).value();
    }
  }
  return files;
}

}  // namespace tradewire
