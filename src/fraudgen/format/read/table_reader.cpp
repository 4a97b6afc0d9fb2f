#include "fraudgen/format/read/table_reader.h"

#include <array>

#include "fraudgen/format/read/readers.h"

namespace fraudgen {
namespace {

struct ReadSchemas {
  std::array<std::vector<Column>, kTableCount> columns;
  std::array<TableSchema, kTableCount> tables;
};

ReadSchemas make_read_schemas() {
  ReadSchemas s;
  for (Table t : kAllTables) {
    const size_t i = static_cast<size_t>(t);
    const TableSchema& original = schema_of(t);
    s.columns[i].assign(original.columns.begin(), original.columns.end());
    for (Column& c : s.columns[i])
      if (c.type == ColumnType::Enum) c.type = ColumnType::String;
    s.tables[i] = {original.name, original.description, s.columns[i]};
  }
  return s;
}

}  // namespace

const TableSchema& read_schema_of(Table table) {
  static const ReadSchemas schemas = make_read_schemas();  // immutable once built
  return schemas.tables[static_cast<size_t>(table)];
}

std::unique_ptr<TableReader> open_table_reader(std::unique_ptr<RandomAccessFile> file, Format format, Compression codec,
                                               Table table) {
  try {
    switch (format) {
      case Format::Parquet: return make_parquet_reader(std::move(file), table);
      case Format::Jsonl: return make_jsonl_reader(std::move(file), codec, read_schema_of(table));
      case Format::Csv: return make_csv_reader(std::move(file), codec, read_schema_of(table));
      case Format::PgCopy: break;  // a COPY stream, never a file
    }
  } catch (const ReadError&) {
    throw;
  } catch (const std::exception& e) {
    throw ReadError(e.what());
  }
  throw ReadError("unknown format");
}

std::unique_ptr<TableReader> open_table_reader(const std::string& path, Format format, Compression codec, Table table) {
  std::unique_ptr<RandomAccessFile> file;
  try {
    file = open_local_file(path);
  } catch (const std::exception& e) {
    throw ReadError(e.what());
  }
  return open_table_reader(std::move(file), format, codec, table);
}

}  // namespace fraudgen
