// Parquet: the footer is read first and checked against the table's schema (names, physical
// types, OPTIONAL for nullable columns); then one row group per next(), read with one pread.
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "fraudgen/format/parquet/column_chunk_reader.h"
#include "fraudgen/format/parquet/column_chunk_writer.h"
#include "fraudgen/format/parquet/metadata_reader.h"
#include "fraudgen/format/read/readers.h"

namespace fraudgen {
namespace {

using namespace parquet;

class ParquetReader final : public TableReader {
 public:
  ParquetReader(FilePtr file, Table table) : file_(std::move(file)), path_(file_->name()), table_(table) {
    const std::string& path = path_;
    const uint64_t size = file_->size();
    char tail[8];
    if (size < 12 || !read_at(static_cast<uint64_t>(size) - 8, tail, 8) || std::memcmp(tail + 4, "PAR1", 4) != 0)
      throw ReadError(path + ": not a Parquet file (no PAR1 footer)");
    uint32_t footer_len;
    std::memcpy(&footer_len, tail, 4);
    if (footer_len > static_cast<uint64_t>(size) - 12) throw ReadError(path + ": Parquet footer length past the file");
    std::string footer(footer_len, '\0');
    if (!read_at(static_cast<uint64_t>(size) - 8 - footer_len, footer.data(), footer_len)) throw ReadError(path + ": cannot read the footer");
    try {
      meta_ = read_file_metadata(footer);
    } catch (const std::exception& e) {
      throw ReadError(path + ": corrupt Parquet footer: " + e.what());
    }
    check_schema();
  }

  bool next(ColumnBatch& batch, std::vector<ValueProblem>& problems) override {
    batch.clear();
    problems.clear();
    const size_t end_group = std::min(end_group_, meta_.row_groups.size());
    while (group_ < end_group && meta_.row_groups[group_].num_rows == 0) ++group_;
    if (group_ >= end_group) return false;
    const RowGroup& g = meta_.row_groups[group_++];
    const size_t columns = schema_of(table_).columns.size();
    if (g.columns.size() != columns) throw ReadError(path_ + ": a row group has " + std::to_string(g.columns.size()) + " columns");
    for (const ColumnChunk& cc : g.columns)
      if (!cc.meta_data) throw ReadError(path_ + ": a column chunk without metadata");
    // All columns: one read for the whole row group (its chunks are contiguous). Some: one read per chunk.
    int64_t begin = INT64_MAX, end = 0;
    if (wanted_.empty()) {
      for (const ColumnChunk& cc : g.columns) {
        int64_t start = chunk_start(*cc.meta_data);
        begin = std::min(begin, start);
        end = std::max(end, start + cc.meta_data->total_compressed_size);
      }
      if (begin < 4 || end <= begin) throw ReadError(path_ + ": row group offsets out of range");
      bytes_.resize(static_cast<size_t>(end - begin));
      if (!read_at(static_cast<uint64_t>(begin), bytes_.data(), bytes_.size())) throw ReadError(path_ + ": row group past the end of the file");
    }
    for (size_t c = 0; c < columns; ++c) {
      const ColumnMetaData& m = *g.columns[c].meta_data;
      if (!wanted_.empty() && !wanted_[c]) {
        for (int64_t r = 0; r < g.num_rows; ++r) batch.put_null(static_cast<int>(c));
        continue;
      }
      if (!wanted_.empty()) {
        begin = chunk_start(m);
        if (begin < 4 || m.total_compressed_size < 0) throw ReadError(path_ + ": column chunk offsets out of range");
        bytes_.resize(static_cast<size_t>(m.total_compressed_size));
        if (!read_at(static_cast<uint64_t>(begin), bytes_.data(), bytes_.size())) throw ReadError(path_ + ": column chunk past the end of the file");
      }
      const size_t offset = static_cast<size_t>(chunk_start(m) - begin);
      try {
        reader_.read(std::string_view(bytes_).substr(offset, static_cast<size_t>(m.total_compressed_size)), m, g.num_rows, batch,
                     static_cast<int>(c));
      } catch (const std::exception& e) {
        throw ReadError(path_ + ": row group " + std::to_string(group_ - 1) + ", column " +
                        std::string(schema_of(table_).columns[c].name) + ": " + e.what());
      }
    }
    return true;
  }

  void read_only(const std::vector<int>& columns) override {
    wanted_.assign(schema_of(table_).columns.size(), false);
    for (int c : columns) wanted_.at(static_cast<size_t>(c)) = true;
  }

  size_t row_groups() const override { return meta_.row_groups.size(); }

  void read_row_groups(size_t first, size_t end) override {
    group_ = first;
    end_group_ = end;
  }

 private:
  static int64_t chunk_start(const ColumnMetaData& m) {
    return m.dictionary_page_offset ? std::min(*m.dictionary_page_offset, m.data_page_offset) : m.data_page_offset;
  }

  bool read_at(uint64_t offset, char* out, size_t n) { return file_->read_at(offset, out, n) == n; }

  void check_schema() const {
    const TableSchema& schema = schema_of(table_);
    if (meta_.schema.size() != schema.columns.size() + 1)
      throw ReadError(path_ + ": " + std::to_string(meta_.schema.size() - 1) + " columns, the " + std::string(schema.name) +
                      " table has " + std::to_string(schema.columns.size()));
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      const Column& want = schema.columns[c];
      const SchemaElement& e = meta_.schema[c + 1];
      const auto repetition = want.nullable ? FieldRepetitionType::OPTIONAL : FieldRepetitionType::REQUIRED;
      if (e.name != want.name || e.type != ColumnChunkWriter::physical_type(want.type) || e.repetition_type != repetition)
        throw ReadError(path_ + ": column " + std::to_string(c) + " is '" + e.name + "', not '" + std::string(want.name) +
                        "' of the schema's physical type and repetition");
    }
  }

  FilePtr file_;
  std::string path_;
  Table table_;
  FileMetaData meta_;
  size_t group_ = 0;
  size_t end_group_ = SIZE_MAX;
  std::string bytes_;
  std::vector<bool> wanted_;  // empty: every column
  ColumnChunkReader reader_;
};

}  // namespace

std::unique_ptr<TableReader> make_parquet_reader(FilePtr file, Table table) {
  return std::make_unique<ParquetReader>(std::move(file), table);
}

}  // namespace fraudgen
