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

struct RowGroupInfo final : ChunkFooterInfo {
  RowGroup group;  // offsets relative to the chunk's start
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
    RowGroup& g = info->group;
    g.num_rows = static_cast<int64_t>(rows_);
    if (rows_ == 0) return info;  // an empty table has no row group
    size_t bound = 0;
    for (const auto& c : columns_) bound += c->finish_bytes_bound();
    out.reserve(bound);
    const size_t start = out.size();
    int64_t uncompressed = 0, compressed = 0;
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
      g.columns.push_back(std::move(cc));
    }
    g.total_byte_size = uncompressed;
    g.total_compressed_size = compressed;
    g.file_offset = 0;
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
      RowGroup g = static_cast<const RowGroupInfo*>(chunks[i])->group;
      md.num_rows += g.num_rows;
      if (g.num_rows == 0) continue;
      const int64_t base = static_cast<int64_t>(offsets[i]);
      for (auto& cc : g.columns) {
        cc.file_offset += base;
        cc.meta_data->data_page_offset += base;
        if (cc.meta_data->dictionary_page_offset) *cc.meta_data->dictionary_page_offset += base;
      }
      g.file_offset = base;
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
