// Output formats and codecs, and the encoder interface the executor drives.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "fraudgen/core/byte_buffer.h"
#include "fraudgen/schema/column_batch.h"

namespace fraudgen {

enum class Format { Jsonl, Csv };
enum class Compression { None, Gzip, Zstd };

std::optional<Format> parse_format(std::string_view s);
std::optional<Compression> parse_compression(std::string_view s);
std::string_view format_name(Format f);
std::string_view compression_name(Compression c);
// ".jsonl", ".csv.gz", ".jsonl.zst", ...
std::string file_extension(Format f, Compression c);

// Encodes blocks of one table into the bytes of a file. encode_block is called concurrently
// from several workers, each with its own encoder instance.
class BlockEncoder {
 public:
  virtual ~BlockEncoder() = default;
  // Bytes that open every file of this table (e.g. the CSV header line); may be empty.
  virtual void file_header(const TableSchema& schema, ByteBuffer& out) const = 0;
  virtual void encode_block(const ColumnBatch& batch, ByteBuffer& out) = 0;
};

std::unique_ptr<BlockEncoder> make_text_encoder(Format format);

// Compresses each chunk as one self-contained frame (zstd) or member (gzip); concatenated
// frames form a valid stream, so blocks compress in parallel and append in order.
class Compressor {
 public:
  Compressor(Compression codec, int level);
  ~Compressor();
  Compressor(const Compressor&) = delete;
  Compressor& operator=(const Compressor&) = delete;
  // Replaces `data` with its compressed form (no-op for Compression::None).
  void compress(ByteBuffer& data);

 private:
  Compression codec_;
  int level_;
  void* zstd_ctx_ = nullptr;
  ByteBuffer scratch_;
};

}  // namespace fraudgen
