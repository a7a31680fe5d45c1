#include <cstdio>

#include "pipeline/cli/commands.h"

namespace tradewire {

int ReportFatal(const Status& status) {
  std::fprintf(stderr, "tradewire: %s\n", status.message().c_str());
  switch (status.code()) {
    case Status::Code::kLocked: return kExitLocked;
    case Status::Code::kInvalidArgument:
    case Status::Code::kNotFound:
    case Status::Code::kCorruption: return kExitUsage;
    default: return kExitPartial;
  }
}

}  // namespace tradewire
