// Status and StatusOr: how every module reports failure across its edge.
// Modelled on LevelDB/Abseil: no exceptions cross a module boundary; a failure carries a code and a message
// that names the input it concerns.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace tradewire {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad usage, bad config, malformed input the caller supplied
    kNotFound,
    kIOError,
    kCorruption,       // a file that is not what it claims to be (corrupt or foreign database, broken archive)
    kLocked,           // another process holds the store's lock
    kUnavailable,      // a remote failure that may succeed later (timeouts, 5xx, 429)
    kUnsupported,      // well-formed input of a kind we do not handle (PDF, images)
    kResourceExhausted,  // an input that needs more memory, time or output than its budget (bombs, pathological pages)
    kInternal,
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) { return Status(Code::kInvalidArgument, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status Locked(std::string msg) { return Status(Code::kLocked, std::move(msg)); }
  static Status Unavailable(std::string msg) { return Status(Code::kUnavailable, std::move(msg)); }
  static Status Unsupported(std::string msg) { return Status(Code::kUnsupported, std::move(msg)); }
  static Status ResourceExhausted(std::string msg) { return Status(Code::kResourceExhausted, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace tradewire

#define TW_RETURN_IF_ERROR(expr)              \
  do {                                        \
    ::tradewire::Status tw_status_ = (expr);  \
    if (!tw_status_.ok()) return tw_status_;  \
  } while (0)
