#include "fraudgen/format/parquet/column_chunk_reader.h"

#include <cstring>
#include <stdexcept>

#include "fraudgen/format/decompress.h"
#include "fraudgen/format/parquet/metadata_reader.h"
#include "fraudgen/format/parquet/rle_hybrid_reader.h"

namespace fraudgen::parquet {
namespace {

Compression codec_of(CompressionCodec c) {
  switch (c) {
    case CompressionCodec::UNCOMPRESSED: return Compression::None;
    case CompressionCodec::SNAPPY: return Compression::Snappy;
    case CompressionCodec::GZIP: return Compression::Gzip;
    case CompressionCodec::ZSTD: return Compression::Zstd;
    default: throw std::runtime_error("unsupported Parquet codec " + std::to_string(static_cast<int>(c)));
  }
}

// Little-endian PLAIN values, read one at a time from a page.
class PlainCursor {
 public:
  explicit PlainCursor(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  T fixed() {
    if (bytes_.size() - pos_ < sizeof(T)) throw std::runtime_error("PLAIN values end early");
    T v;
    std::memcpy(&v, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string_view byte_array() {
    uint32_t n = fixed<uint32_t>();
    if (bytes_.size() - pos_ < n) throw std::runtime_error("PLAIN byte array runs past the page");
    std::string_view s = bytes_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  bool bit() {  // BOOLEAN: one bit per value, least significant first
    if (pos_ >= bytes_.size()) throw std::runtime_error("PLAIN booleans end early");
    bool v = (static_cast<uint8_t>(bytes_[pos_]) >> bit_) & 1;
    if (++bit_ == 8) { bit_ = 0; ++pos_; }
    return v;
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  int bit_ = 0;
};

// Physical value -> the column batch's representation of the schema type.
int64_t to_batch_int(ColumnType t, int64_t v) {
  if (t == ColumnType::Timestamp) return v >= 0 ? v / 1000 : -((-v + 999) / 1000);  // microseconds -> milliseconds
  return v;
}

}  // namespace

void ColumnChunkReader::read(std::string_view chunk, const ColumnMetaData& meta, int64_t rows, ColumnBatch& batch, int c) {
  const Compression codec = codec_of(meta.codec);
  dict_strings_.clear();
  dict_ints_.clear();
  dict_doubles_.clear();
  int64_t done = 0;
  size_t pos = 0;
  while (done < rows) {
    if (pos >= chunk.size()) throw std::runtime_error("column chunk ends after " + std::to_string(done) + " of " + std::to_string(rows) + " values");
    size_t header_size = 0;
    PageHeader h = read_page_header(chunk.substr(pos), header_size);
    pos += header_size;
    if (h.compressed_page_size < 0 || static_cast<size_t>(h.compressed_page_size) > chunk.size() - pos)
      throw std::runtime_error("page runs past its column chunk");
    std::string_view raw = chunk.substr(pos, static_cast<size_t>(h.compressed_page_size));
    pos += static_cast<size_t>(h.compressed_page_size);
    decompress_whole(codec, raw, static_cast<size_t>(h.uncompressed_page_size), page_);
    if (h.type == PageType::DICTIONARY_PAGE) {
      if (!h.dictionary_page_header) throw std::runtime_error("dictionary page without its header");
      read_dictionary(page_, h.dictionary_page_header->num_values, meta.type);
    } else if (h.type == PageType::DATA_PAGE) {
      if (!h.data_page_header) throw std::runtime_error("data page without its header");
      read_data_page(page_, *h.data_page_header, meta.type, batch, c);
      done += h.data_page_header->num_values;
    } else {
      throw std::runtime_error("unsupported page type " + std::to_string(static_cast<int>(h.type)) + " (fraudgen writes V1 data pages)");
    }
  }
  if (done != rows) throw std::runtime_error("column chunk holds " + std::to_string(done) + " values for " + std::to_string(rows) + " rows");
}

void ColumnChunkReader::read_dictionary(std::string_view page, int32_t count, Type type) {
  PlainCursor in(page);
  for (int32_t i = 0; i < count; ++i) {
    switch (type) {
      case Type::BYTE_ARRAY: dict_strings_.emplace_back(in.byte_array()); break;
      case Type::INT32: dict_ints_.push_back(in.fixed<int32_t>()); break;
      case Type::INT64: dict_ints_.push_back(in.fixed<int64_t>()); break;
      case Type::DOUBLE: dict_doubles_.push_back(in.fixed<double>()); break;
      default: throw std::runtime_error("unsupported dictionary type");
    }
  }
}

void ColumnChunkReader::read_data_page(std::string_view page, const DataPageHeader& h, Type type, ColumnBatch& batch, int c) {
  const Column& col = batch.schema().columns[static_cast<size_t>(c)];
  const size_t count = static_cast<size_t>(h.num_values);
  levels_.clear();
  if (col.nullable) {  // V1: definition levels behind a 4-byte length
    if (page.size() < 4) throw std::runtime_error("data page too short for its definition levels");
    uint32_t n;
    std::memcpy(&n, page.data(), 4);
    if (n > page.size() - 4) throw std::runtime_error("definition levels run past the page");
    read_rle_hybrid(page.substr(4, n), 1, count, levels_);
    page.remove_prefix(4 + n);
  } else {
    levels_.assign(count, 1);
  }
  size_t present = 0;
  for (uint32_t l : levels_) present += l;

  const bool dictionary = h.encoding == Encoding::RLE_DICTIONARY || h.encoding == Encoding::PLAIN_DICTIONARY;
  if (!dictionary && h.encoding != Encoding::PLAIN)
    throw std::runtime_error("unsupported encoding " + std::to_string(static_cast<int>(h.encoding)));
  indices_.clear();
  if (dictionary) {
    if (page.empty()) throw std::runtime_error("dictionary-encoded page without a bit width");
    read_rle_hybrid(page.substr(1), static_cast<uint8_t>(page[0]), present, indices_);
    const size_t dict_size = type == Type::BYTE_ARRAY ? dict_strings_.size() : type == Type::DOUBLE ? dict_doubles_.size() : dict_ints_.size();
    for (uint32_t id : indices_)
      if (id >= dict_size) throw std::runtime_error("dictionary index " + std::to_string(id) + " past a dictionary of " + std::to_string(dict_size));
  }
  PlainCursor plain(page);
  size_t next_index = 0;
  for (uint32_t level : levels_) {
    if (!level) { batch.put_null(c); continue; }
    if (dictionary) {
      uint32_t id = indices_[next_index++];
      if (type == Type::BYTE_ARRAY) batch.put_str(c, dict_strings_[id]);
      else if (type == Type::DOUBLE) batch.put_double(c, dict_doubles_[id]);
      else batch.put_int(c, to_batch_int(col.type, dict_ints_[id]));
      continue;
    }
    switch (type) {
      case Type::BYTE_ARRAY: batch.put_str(c, plain.byte_array()); break;
      case Type::INT32: batch.put_int(c, plain.fixed<int32_t>()); break;
      case Type::INT64: batch.put_int(c, to_batch_int(col.type, plain.fixed<int64_t>())); break;
      case Type::DOUBLE: batch.put_double(c, plain.fixed<double>()); break;
      case Type::BOOLEAN: batch.put_bool(c, plain.bit()); break;
      default: throw std::runtime_error("unsupported physical type");
    }
  }
}

}  // namespace fraudgen::parquet
