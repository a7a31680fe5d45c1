#include "pipeline/cli/rows.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace tradewire {
namespace {

// A table cell is cut at this many columns of the terminal, with an ellipsis.
constexpr std::size_t kMaxCellWidth = 60;

void Print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

// Columns of the terminal that `text` takes: two for East Asian wide and full-width characters ('관세', '関税').
std::size_t DisplayWidth(const std::string& text, std::size_t* bytes_within = nullptr, std::size_t limit = SIZE_MAX) {
  std::size_t width = 0;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(text.size());) {
    std::int32_t start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, static_cast<std::int32_t>(text.size()), c);
    int east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    std::size_t w = east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
    if (width + w > limit) {
      if (bytes_within) *bytes_within = start;
      return width;
    }
    width += w;
  }
  if (bytes_within) *bytes_within = text.size();
  return width;
}

// One line: line breaks and tabs as spaces; cut to kMaxCellWidth.
std::string TableCell(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  if (DisplayWidth(text) <= kMaxCellWidth) return text;
  std::size_t bytes = 0;
  DisplayWidth(text, &bytes, kMaxCellWidth - 1);
  return text.substr(0, bytes) + "…";
}

}  // namespace

RowFormat ChooseRowFormat(const std::string& named) {
  if (named == "table") return RowFormat::kTable;
  if (named == "csv") return RowFormat::kCsv;
  if (named == "jsonl") return RowFormat::kJsonl;
  return isatty(STDOUT_FILENO) ? RowFormat::kTable : RowFormat::kJsonl;
}

std::string CsvField(const nlohmann::json& value) {
  std::string text = value.is_string() ? value.get<std::string>() : value.is_null() ? "" : value.dump();
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

void PrintJsonLine(const nlohmann::json& row) {
  Print(row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

RowPrinter::RowPrinter(RowFormat format, std::vector<std::string> columns, std::vector<std::size_t> table_columns)
    : format_(format), columns_(std::move(columns)), table_columns_(std::move(table_columns)) {
  if (table_columns_.empty()) {
    for (std::size_t i = 0; i < columns_.size(); ++i) table_columns_.push_back(i);
  }
  if (format_ == RowFormat::kCsv) {
    std::string header;
    for (const std::string& column : columns_) header += (header.empty() ? "" : ",") + CsvField(column);
    Print(header + "\r\n");
  } else if (format_ == RowFormat::kTable) {
    std::vector<std::string> header;
    for (std::size_t i : table_columns_) header.push_back(columns_[i]);
    table_.push_back(std::move(header));
  }
}

void RowPrinter::Add(const std::vector<std::string>& cells, const nlohmann::json& object) {
  if (format_ == RowFormat::kJsonl) return PrintJsonLine(object);
  if (format_ == RowFormat::kCsv) {
    std::string line;
    for (std::size_t i = 0; i < columns_.size(); ++i) line += (i ? "," : "") + CsvField(i < cells.size() ? cells[i] : "");
    return Print(line + "\r\n");
  }
  std::vector<std::string> row;
  for (std::size_t i : table_columns_) row.push_back(TableCell(i < cells.size() ? cells[i] : ""));
  table_.push_back(std::move(row));
}

void RowPrinter::Finish() {
  if (format_ == RowFormat::kTable && table_.size() > 1) {
    std::vector<std::size_t> widths(table_columns_.size(), 0);
    for (const auto& row : table_) {
      for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
    for (const auto& row : table_) {
      std::string line;
      for (std::size_t i = 0; i < row.size(); ++i) {
        line += row[i];
        if (i + 1 < row.size()) line += std::string(widths[i] - DisplayWidth(row[i]) + 2, ' ');
      }
      Print(line + "\n");
    }
  }
  std::fflush(stdout);
}

}  // namespace tradewire
