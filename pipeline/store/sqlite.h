// Thin RAII layer over the SQLite C API: a Database owns its sqlite3*, a Statement its sqlite3_stmt*. Errors
// come back as Status with SQLite's message and the file's path; nothing here throws.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "extractors/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tradewire::sql {

class Statement;

class Database {
 public:
  // Opens `path`; `create` allows a new file. Missing file without `create` → NotFound.
  static StatusOr<std::unique_ptr<Database>> Open(const std::string& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Status Execute(std::string_view sql);  // one or more statements, no results
  StatusOr<Statement> Prepare(std::string_view sql);
  std::int64_t LastInsertId() const;
  const std::string& path() const { return path_; }
  // SQLite's message for the last failure, prefixed with the file's path.
  Status Error(std::string_view doing) const;
  sqlite3* handle() const { return db_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// A prepared statement. Bind parameters are 1-based, as in SQLite. Reset() before re-use.
class Statement {
 public:
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  ~Statement();

  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);

  // Steps once: true with a row ready, false when done; a failure is left in status().
  bool Step();
  // Steps to completion, for statements without results.
  Status Run();
  const Status& status() const { return status_; }
  void Reset();

  std::int64_t Int(int column) const;
  std::string Text(int column) const;
  std::string Blob(int column) const;
  bool IsNull(int column) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, const Database* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  const Database* db_ = nullptr;
  Status status_;
};

}  // namespace tradewire::sql
