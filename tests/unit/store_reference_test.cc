// The README's table reference ("The store's tables, for SQL readers") against a store the migrations make: every
// table and column is documented, and nothing documented is gone. A migration that adds either fails here until
// the README says what it holds.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "pipeline/store/sqlite.h"
#include "pipeline/store/store.h"
#include "tests/support/subprocess.h"

using tradewire::testing::TempDir;

namespace {

using Columns = std::map<std::string, std::set<std::string>>;  // table → its columns

// The tables SQL readers see: FTS5's shadow tables (articles_fts_data …) and SQLite's own are internals.
Columns StoreColumns(const std::string& path) {
  auto db = tradewire::sql::Database::Open(path, false);
  REQUIRE(db.ok());
  auto tables = (*db)->Prepare(
      "SELECT t.name FROM sqlite_master t WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND NOT EXISTS "
      "(SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' AND t.name LIKE v.name || '_%')");
  REQUIRE(tables.ok());
  Columns columns;
  while (tables->Step()) {
    const std::string table = tables->Text(0);
    auto info = (*db)->Prepare("SELECT name FROM pragma_table_info(?1)");
    REQUIRE(info.ok());
    info->Bind(1, table);
    while (info->Step()) columns[table].insert(info->Text(0));
  }
  return columns;
}

Columns ReadmeColumns() {
  const std::string readme = tradewire::testing::ReadFile(TRADEWIRE_SOURCE_DIR "/README.md");
  const std::size_t begin = readme.find("\n## The store's tables");
  REQUIRE(begin != std::string::npos);
  const std::size_t end = readme.find("\n## ", begin + 1);
  static const std::regex kTable(R"(^### `([a-z_]+)`)");
  static const std::regex kColumn(R"(^\| `([a-z_]+)` \| )");
  Columns columns;
  std::string table;
  std::istringstream lines(readme.substr(begin, end - begin));
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_search(line, match, kTable)) table = match[1];
    if (!table.empty() && std::regex_search(line, match, kColumn)) columns[table].insert(match[1]);
  }
  return columns;
}

// "documents.raw_hash, url_state" — tables or columns of `wanted` that `have` lacks.
std::string Lacking(const Columns& wanted, const Columns& have) {
  std::string lacking;
  auto add = [&lacking](const std::string& name) { lacking += (lacking.empty() ? "" : ", ") + name; };
  for (const auto& [table, columns] : wanted) {
    if (!have.count(table)) {
      add(table);
      continue;
    }
    for (const std::string& column : columns) {
      if (!have.at(table).count(column)) add(table + "." + column);
    }
  }
  return lacking;
}

}  // namespace

TEST_CASE("the README documents every table and column of the store, and only those") {
  TempDir dir;
  auto store = tradewire::Store::Open(dir.File("s.db"), TRADEWIRE_SOURCE_DIR "/schemas", tradewire::Store::Mode::kCreate);
  REQUIRE(store.ok());
  const Columns actual = StoreColumns(dir.File("s.db"));
  REQUIRE(actual.count("articles"));
  const Columns documented = ReadmeColumns();
  CHECK(Lacking(actual, documented) == "");   // made by a migration, not documented
  CHECK(Lacking(documented, actual) == "");   // documented, made by no migration
}
