#include "extractors/status.h"

namespace tradewire {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: name = "invalid argument"; break;
    case Code::kNotFound: name = "not found"; break;
    case Code::kIOError: name = "I/O error"; break;
    case Code::kCorruption: name = "corruption"; break;
    case Code::kLocked: name = "locked"; break;
    case Code::kUnavailable: name = "unavailable"; break;
    case Code::kUnsupported: name = "unsupported"; break;
    case Code::kResourceExhausted: name = "over budget"; break;
    case Code::kInternal: name = "internal error"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace tradewire
