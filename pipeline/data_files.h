// Reads the analyst-editable data under schemas/ (gazetteers, taxonomy) for the taggers.
#pragma once

#include <string>

#include "extractors/status.h"
#include "extractors/tag/taggers.h"
#include "pipeline/compression.h"

namespace tradewire {

// Where schemas/ is when --schemas does not say: ../share/tradewire/schemas from the running binary's folder (an
// install tree, wherever it was moved), else the source checkout the binary was built from. When neither holds
// migrations, the install tree's place, so that the error names where schemas/ was looked for first.
std::string DefaultSchemasDir();

// Every regular file under <schemas_dir>/gazetteers and <schemas_dir>/taxonomy, keyed by its path relative to
// schemas_dir ("gazetteers/officials.json").
StatusOr<DataFiles> LoadDataFiles(const std::string& schemas_dir);

// Reads a whole file; gzip files are decompressed. `-` reads standard input. A file (or what it inflates to)
// larger than max_bytes is ResourceExhausted, read no further than that.
StatusOr<std::string> ReadFileBytes(const std::string& path, std::size_t max_bytes = kUnbounded);

}  // namespace tradewire
