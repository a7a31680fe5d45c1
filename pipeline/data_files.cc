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

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

bool GunzipInto(std::string_view compressed, std::string* out) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return false;
  char buffer[1 << 16];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  int rc = Z_OK;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    out->append(buffer, sizeof buffer - stream.avail_out);
    if (rc == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      inflateReset(&stream);  // the next gzip member (WARC files are one member per record)
      continue;
    }
    if (rc != Z_OK) break;
  }
  inflateEnd(&stream);
  return rc == Z_STREAM_END;
}

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
  if (!IsGzip(bytes)) return bytes;
  std::string inflated;
  if (!GunzipInto(bytes, &inflated)) return Status::Corruption(path + ": corrupt or truncated gzip data");
  return inflated;
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
