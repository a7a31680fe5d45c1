// tradewire --version: what a bug report or an upgrade check needs to know about this binary and its data.
#include <string>

#include "pipeline/cli/commands.h"
#include "pipeline/data_files.h"
#include "pipeline/process.h"
#include "pipeline/store/store.h"

namespace tradewire {

std::string VersionReport(const std::string& schemas_dir) {
  std::string report = std::string("tradewire ") + TRADEWIRE_VERSION + "\n";
  StatusOr<int> schema = NewestSchemaVersion(schemas_dir);
  report += "store schema " + (schema.ok() ? std::to_string(*schema) : "unknown (" + schema.status().message() + ")");
  StatusOr<DataFiles> files = LoadDataFiles(schemas_dir);
  report += "\nprocessor " + (files.ok() ? ProcessorVersion(*files) : "unknown (" + files.status().message() + ")");
  return report + "\nschemas " + schemas_dir;
}

}  // namespace tradewire
