// Taggers: article text in, Mentions out. Pure once built; a Taggers object is immutable and may be shared by
// threads. The data it is built from (gazetteers, taxonomy) is passed in as file contents so that the
// extractors never do I/O; the pipeline reads the files from schemas/.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "extractors/article.h"
#include "extractors/mention.h"
#include "extractors/status.h"

namespace tradewire {

// Contents of the data files under schemas/, keyed by their path relative to schemas/
// (e.g. "gazetteers/officials.json", "taxonomy/barriers.json").
using DataFiles = std::map<std::string, std::string>;

class Taggers {
 public:
  // Fails with InvalidArgument naming the file and the entry when a data file is malformed.
  static StatusOr<Taggers> Create(const DataFiles& files);

  // All mentions of `article.text`, sorted by start offset. Relative dates resolve against the dateline's date,
  // else article.published, else `fallback_anchor` (ISO date; may be empty).
  Mentions Tag(const Article& article, std::string_view fallback_anchor = {}) const;

  Taggers(Taggers&&) noexcept;
  Taggers& operator=(Taggers&&) noexcept;
  ~Taggers();

 private:
  struct Impl;
  explicit Taggers(std::unique_ptr<const Impl> impl);
  std::unique_ptr<const Impl> impl_;
};

}  // namespace tradewire
