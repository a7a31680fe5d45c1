// Rows printed for people and for scripts: an aligned table on a terminal (the default there), JSON Lines or CSV
// elsewhere. CSV has one header row, the columns in the order given (each command documents its own), nested
// values flattened by the caller, and RFC 4180 quoting.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tradewire {

enum class RowFormat { kTable, kJsonl, kCsv };

// `named` is "table", "jsonl" or "csv"; empty: table when standard output is a terminal, else jsonl.
RowFormat ChooseRowFormat(const std::string& named);

// RFC 4180: quoted when it holds a comma, a quote or a line break, the quotes inside doubled. JSON values that are
// not strings are written as JSON; null as an empty field.
std::string CsvField(const nlohmann::json& value);

// One JSON Lines row on standard output.
void PrintJsonLine(const nlohmann::json& row);

class RowPrinter {
 public:
  // `columns` name the CSV header and the table's columns; `table_columns` (indices into them) are those the
  // table shows, all when empty.
  RowPrinter(RowFormat format, std::vector<std::string> columns, std::vector<std::size_t> table_columns = {});
  // `cells`: one per column, flattened; `object`: the row as JSON Lines prints it.
  void Add(const std::vector<std::string>& cells, const nlohmann::json& object);
  // Prints the table (buffered to align it); flushes.
  void Finish();

 private:
  RowFormat format_;
  std::vector<std::string> columns_;
  std::vector<std::size_t> table_columns_;
  std::vector<std::vector<std::string>> table_;
};

}  // namespace tradewire
