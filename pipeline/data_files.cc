#include "pipeline/data_files.h"

#include "pipeline/compression.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>


namespace tradewire {
namespace fs = std::filesystem;

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
  if (Gunzip(bytes, &inflated) != DecodeResult::kComplete) return Status::Corruption(path + ": corrupt or truncated gzip data");
  return inflated;
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
