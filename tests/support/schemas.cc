#include "tests/support/schemas.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "tests/support/subprocess.h"

namespace tradewire::testing {

std::string SchemasWithoutProduct(const std::string& folder, const std::string& product_id) {
  namespace fs = std::filesystem;
  fs::copy(TRADEWIRE_SOURCE_DIR "/schemas", folder, fs::copy_options::recursive);
  const std::string path = folder + "/gazetteers/products.json";
  nlohmann::json products = nlohmann::json::parse(ReadFile(path));
  auto& list = products["products"];
  auto found = std::find_if(list.begin(), list.end(), [&](const nlohmann::json& p) { return p["id"] == product_id; });
  if (found == list.end()) throw std::runtime_error(path + " has no product " + product_id);
  list.erase(found);
  WriteFile(path, products.dump(1));
  return folder;
}

std::string ProcessorVersionOf(const std::string& schemas) {
  CommandResult version = RunTradewire({"--schemas", schemas, "--version"});
  const std::string label = "processor ";
  std::size_t at = version.out.find(label);
  if (version.exit_code != 0 || at == std::string::npos) {
    throw std::runtime_error("tradewire --version gave no processor version for " + schemas + ": " + version.err);
  }
  at += label.size();
  return version.out.substr(at, version.out.find('\n', at) - at);
}

}  // namespace tradewire::testing
