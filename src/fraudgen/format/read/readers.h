// The three format readers behind open_table_reader().
#pragma once
#include "fraudgen/format/read/table_reader.h"

namespace fraudgen {
std::unique_ptr<TableReader> make_jsonl_reader(const std::string& path, Compression codec, const TableSchema& schema);
std::unique_ptr<TableReader> make_csv_reader(const std::string& path, Compression codec, const TableSchema& schema);
std::unique_ptr<TableReader> make_parquet_reader(const std::string& path, Table table);
}  // namespace fraudgen
