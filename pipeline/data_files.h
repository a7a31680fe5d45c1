// Reads the analyst-editable data under schemas/ (gazetteers, taxonomy) for the taggers.
#pragma once

#include <string>

#include "extractors/status.h"
#include "extractors/tag/taggers.h"

namespace tradewire {

// Every regular file under <schemas_dir>/gazetteers and <schemas_dir>/taxonomy, keyed by its path relative to
// schemas_dir ("gazetteers/officials.json").
StatusOr<DataFiles> LoadDataFiles(const std::string& schemas_dir);

// Reads a whole file; gzip files are decompressed. `-` reads standard input.
StatusOr<std::string> ReadFileBytes(const std::string& path);

}  // namespace tradewire
