#include "pipeline/data_files.h"

#include "pipeline/compression.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>


namespace tradewire {
namespace fs = std::filesystem;

namespace {

std::string Megabytes(std::size_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

// Up to max_bytes + 1 bytes of the stream, so that the caller can tell "exactly max_bytes" from "more".
std::string ReadAtMost(std::istream& in, std::size_t max_bytes) {
  std::string bytes;
  char buffer[1 << 16];
  while (in && bytes.size() <= max_bytes) {
    std::size_t left = max_bytes - bytes.size();
    in.read(buffer, static_cast<std::streamsize>(left >= sizeof buffer ? sizeof buffer : left + 1));
    bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  return bytes;
}

}  // namespace

StatusOr<std::string> ReadFileBytes(const std::string& path, std::size_t max_bytes) {
  std::string bytes;
  if (path == "-") {
    bytes = ReadAtMost(std::cin, max_bytes);
  } else {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return Status::InvalidArgument(path + ": is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound(path + ": cannot open file");
    bytes = ReadAtMost(in, max_bytes);
    if (in.bad()) return Status::IOError(path + ": read error");
  }
  if (bytes.size() > max_bytes) return Status::ResourceExhausted(path + ": larger than " + Megabytes(max_bytes));
  if (!IsGzip(bytes)) return bytes;
  std::string inflated;
  switch (Gunzip(bytes, &inflated, max_bytes)) {
    case DecodeResult::kComplete: return inflated;
    case DecodeResult::kTooLarge:
      return Status::ResourceExhausted(path + ": gzip data inflates to more than " + Megabytes(max_bytes));
    case DecodeResult::kTruncated: break;
  }
  return Status::Corruption(path + ": corrupt or truncated gzip data");
}

std::string DefaultSchemasDir() {
  std::error_code ec;
  const fs::path binary = fs::read_symlink("/proc/self/exe", ec);  // symlinks to the binary resolved
  const fs::path installed = ec ? fs::path() : (binary.parent_path() / "../share/tradewire/schemas").lexically_normal();
  for (const fs::path& candidate : {installed, fs::path(TRADEWIRE_SCHEMAS_DIR)}) {
    if (!candidate.empty() && fs::is_directory(candidate / "migrations", ec)) return candidate.string();
  }
  return installed.empty() ? TRADEWIRE_SCHEMAS_DIR : installed.string();
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
