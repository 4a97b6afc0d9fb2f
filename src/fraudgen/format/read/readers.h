// The three format readers behind open_table_reader().
#pragma once
#include "fraudgen/format/read/table_reader.h"

namespace fraudgen {
using FilePtr = std::unique_ptr<RandomAccessFile>;
std::unique_ptr<TableReader> make_jsonl_reader(FilePtr file, Compression codec, const TableSchema& schema);
std::unique_ptr<TableReader> make_csv_reader(FilePtr file, Compression codec, const TableSchema& schema);
std::unique_ptr<TableReader> make_parquet_reader(FilePtr file, Table table);
}  // namespace fraudgen
