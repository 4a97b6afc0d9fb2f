// Parquet files: "PAR1", one row group per chunk (one column chunk per column), then the
// Thrift compact footer, its length and "PAR1". Row groups are encoded in parallel by the
// workers; the footer is assembled by the file's writer from each row group's metadata.
#include <cstring>

#include "fraudgen/format/format.h"
#include "fraudgen/format/parquet/column_chunk_writer.h"
#include "fraudgen/format/parquet/metadata.h"

namespace fraudgen {
namespace {

using namespace parquet;

// A row group's footer entry, kept small: the file's writer holds one per row group until the
// file ends, and a partitioned file group has thousands of row groups open at once (by day). A
// column's path comes from the schema when the footer is written.
struct CompactColumn {
  int64_t num_values, total_uncompressed_size, total_compressed_size, null_count;
  int64_t file_offset, data_page_offset, dictionary_page_offset;  // from the chunk's start; -1: no dictionary
  uint32_t encodings;       // bit e set: Encoding e is used
  uint32_t min_end, max_end;  // statistics in RowGroupInfo::stats: min from the previous max_end, then max
  Type type;
  CompressionCodec codec;
  bool has_stats;
};

struct RowGroupInfo final : ChunkFooterInfo {
  int64_t num_rows = 0, total_byte_size = 0, total_compressed_size = 0;
  std::vector<CompactColumn> columns;
  std::string stats;

  void add(const ColumnChunk& cc) {
    const ColumnMetaData& md = *cc.meta_data;
    CompactColumn c{md.num_values, md.total_uncompressed_size, md.total_compressed_size, md.statistics->null_count.value_or(0),
                    cc.file_offset, md.data_page_offset, md.dictionary_page_offset.value_or(-1), 0, 0, 0, md.type, md.codec,
                    md.statistics->min_value.has_value()};
    for (Encoding e : md.encodings) c.encodings |= 1u << static_cast<int>(e);
    if (c.has_stats) stats += *md.statistics->min_value;
    c.min_end = static_cast<uint32_t>(stats.size());
    if (c.has_stats) stats += *md.statistics->max_value;
    c.max_end = static_cast<uint32_t>(stats.size());
    columns.push_back(c);
  }

  // The full entry, its offsets moved by `base` (where the row group starts in the file).
  RowGroup expand(const TableSchema& schema, int64_t base) const {
    RowGroup g;
    g.num_rows = num_rows;
    g.total_byte_size = total_byte_size;
    g.total_compressed_size = total_compressed_size;
    g.file_offset = base;
    uint32_t at = 0;
    for (size_t i = 0; i < columns.size(); ++i) {
      const CompactColumn& c = columns[i];
      ColumnChunk cc;
      cc.file_offset = c.file_offset + base;
      ColumnMetaData& md = cc.meta_data.emplace();
      md.type = c.type;
      for (int e = 0; e < 32; ++e)
        if (c.encodings & (1u << e)) md.encodings.push_back(static_cast<Encoding>(e));
      md.path_in_schema = {std::string(schema.columns[i].name)};
      md.codec = c.codec;
      md.num_values = c.num_values;
      md.total_uncompressed_size = c.total_uncompressed_size;
      md.total_compressed_size = c.total_compressed_size;
      md.data_page_offset = c.data_page_offset + base;
      if (c.dictionary_page_offset >= 0) md.dictionary_page_offset = c.dictionary_page_offset + base;
      Statistics& st = md.statistics.emplace();
      st.null_count = c.null_count;
      if (c.has_stats) {
        st.min_value = stats.substr(at, c.min_end - at);
        st.max_value = stats.substr(c.min_end, c.max_end - c.min_end);
        st.is_min_value_exact = true;
        st.is_max_value_exact = true;
      }
      at = c.max_end;
      g.columns.push_back(std::move(cc));
    }
    return g;
  }
};

SchemaElement schema_element(const Column& c) {
  SchemaElement e;
  e.name = std::string(c.name);
  e.type = ColumnChunkWriter::physical_type(c.type);
  e.repetition_type = c.nullable ? FieldRepetitionType::OPTIONAL : FieldRepetitionType::REQUIRED;
  switch (c.type) {
    case ColumnType::String:
    case ColumnType::Enum:
      e.logicalType = StringType{};
      e.converted_type = ConvertedType::UTF8;
      break;
    case ColumnType::Date:
      e.logicalType = DateType{};
      e.converted_type = ConvertedType::DATE;
      break;
    case ColumnType::Timestamp:
      e.logicalType = TimestampType{true, TimeUnit::MICROS};
      e.converted_type = ConvertedType::TIMESTAMP_MICROS;
      break;
    case ColumnType::Decimal2:
      e.logicalType = DecimalType{2, 18};
      e.converted_type = ConvertedType::DECIMAL;
      e.scale = 2;
      e.precision = 18;
      break;
    default:
      break;
  }
  return e;
}

class ParquetChunkEncoder final : public ChunkEncoder {
 public:
  explicit ParquetChunkEncoder(const EncoderOptions& o) : options_(o), compressor_(o.compression, o.level) {}

  void file_header(const TableSchema&, ByteBuffer& out) override { out.append("PAR1"); }

  void begin_chunk(const TableSchema& schema) override {
    if (schema_ != &schema) {
      schema_ = &schema;
      columns_.clear();
      for (const Column& c : schema.columns) columns_.push_back(std::make_unique<ColumnChunkWriter>(c, options_.compression, compressor_));
    }
    for (auto& c : columns_) c->reset();
    rows_ = 0;
  }

  void add_rows(const ColumnBatch& batch, size_t begin, size_t end) override {
    for (size_t c = 0; c < columns_.size(); ++c) columns_[c]->add(batch.column(static_cast<int>(c)), begin, end);
    rows_ += end - begin;
  }

  std::unique_ptr<ChunkFooterInfo> end_chunk(ByteBuffer& out) override {
    auto info = std::make_unique<RowGroupInfo>();
    info->num_rows = static_cast<int64_t>(rows_);
    if (rows_ == 0) return info;  // an empty table has no row group
    size_t bound = 0;
    for (const auto& c : columns_) bound += c->finish_bytes_bound();
    out.reserve(bound);
    const size_t start = out.size();
    int64_t uncompressed = 0, compressed = 0;
    info->columns.reserve(columns_.size());
    for (auto& c : columns_) {
      const size_t at = out.size();
      ColumnChunk cc;
      cc.meta_data = c->finish(out);
      ColumnMetaData& md = *cc.meta_data;
      // finish() reports offsets within `out`; make them relative to the chunk.
      md.data_page_offset -= static_cast<int64_t>(start);
      if (md.dictionary_page_offset) *md.dictionary_page_offset -= static_cast<int64_t>(start);
      cc.file_offset = static_cast<int64_t>(at - start);
      uncompressed += md.total_uncompressed_size;
      compressed += md.total_compressed_size;
      info->add(cc);
    }
    info->total_byte_size = uncompressed;
    info->total_compressed_size = compressed;
    return info;
  }

  void file_footer(const TableSchema& schema, std::span<const ChunkFooterInfo* const> chunks,
                   std::span<const uint64_t> offsets, ByteBuffer& out) override {
    FileMetaData md;
    md.version = 1;
    SchemaElement root;
    root.name = "schema";
    root.num_children = static_cast<int32_t>(schema.columns.size());
    md.schema.push_back(root);
    for (const Column& c : schema.columns) md.schema.push_back(schema_element(c));
    int16_t ordinal = 0;
    for (size_t i = 0; i < chunks.size(); ++i) {
      const RowGroupInfo& info = *static_cast<const RowGroupInfo*>(chunks[i]);
      md.num_rows += info.num_rows;
      if (info.num_rows == 0) continue;
      RowGroup g = info.expand(schema, static_cast<int64_t>(offsets[i]));
      g.ordinal = ordinal++;
      md.row_groups.push_back(std::move(g));
    }
    std::vector<KeyValue> kv;
    for (const auto& [k, v] : options_.metadata) kv.push_back({k, v});
    md.key_value_metadata = kv;
    md.created_by = options_.created_by;
    md.column_orders = std::vector<ColumnOrder>(schema.columns.size(), ColumnOrder::TYPE_ORDER);
    const size_t start = out.size();
    write_file_metadata(md, out);
    const uint32_t length = static_cast<uint32_t>(out.size() - start);
    char* p = out.reserve(8);
    std::memcpy(p, &length, 4);
    std::memcpy(p + 4, "PAR1", 4);
    out.commit(p + 8);
  }

 private:
  EncoderOptions options_;
  const TableSchema* schema_ = nullptr;
  Compressor compressor_;
  std::vector<std::unique_ptr<ColumnChunkWriter>> columns_;
  uint64_t rows_ = 0;
};

}  // namespace

std::unique_ptr<ChunkEncoder> make_parquet_encoder(const EncoderOptions& options) {
  return std::make_unique<ParquetChunkEncoder>(options);
}

}  // namespace fraudgen
