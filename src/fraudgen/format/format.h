// Output formats and codecs, and the chunk-encoder interface the executor drives.
#pragma once
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fraudgen/core/byte_buffer.h"
#include "fraudgen/schema/column_batch.h"

namespace fraudgen {

// PgCopy: PostgreSQL's binary COPY stream, for a postgresql:// output only (never a file format).
enum class Format { Jsonl, Csv, Parquet, PgCopy };
enum class Compression { None, Gzip, Zstd, Snappy };

std::optional<Format> parse_format(std::string_view s);
std::optional<Compression> parse_compression(std::string_view s);
std::string_view format_name(Format f);
std::string_view compression_name(Compression c);
// ".jsonl", ".csv.gz", ".jsonl.zst", ".parquet" (Parquet compresses inside the file) ...
std::string file_extension(Format f, Compression c);

struct EncoderOptions {
  Format format = Format::Jsonl;
  Compression compression = Compression::None;
  int level = 0;
  std::string created_by;                                   // Parquet footer
  std::vector<std::pair<std::string, std::string>> metadata;  // Parquet key-value metadata
};

// What a file footer needs to know about one chunk (Parquet: the row group's column chunks).
struct ChunkFooterInfo {
  virtual ~ChunkFooterInfo() = default;
};

// Turns rows of one table into the bytes of its files: a header, one piece per chunk, a footer.
// A file is header + chunks in order + footer. Each worker owns its encoder; chunks are
// encoded in parallel, and the footer sees every chunk's info with its offset in the file.
class ChunkEncoder {
 public:
  virtual ~ChunkEncoder() = default;
  virtual void file_header(const TableSchema& schema, ByteBuffer& out) = 0;
  virtual void begin_chunk(const TableSchema& schema) = 0;
  // Rows [begin, end) of `batch`; may be called several times per chunk.
  virtual void add_rows(const ColumnBatch& batch, size_t begin, size_t end) = 0;
  // Appends the chunk's bytes to `out`; returns what the footer needs (null for text formats).
  virtual std::unique_ptr<ChunkFooterInfo> end_chunk(ByteBuffer& out) = 0;
  virtual void file_footer(const TableSchema& schema, std::span<const ChunkFooterInfo* const> chunks,
                           std::span<const uint64_t> chunk_offsets, ByteBuffer& out) = 0;
};

std::unique_ptr<ChunkEncoder> make_encoder(const EncoderOptions& options);
std::unique_ptr<ChunkEncoder> make_text_encoder(const EncoderOptions& options);
std::unique_ptr<ChunkEncoder> make_parquet_encoder(const EncoderOptions& options);
std::unique_ptr<ChunkEncoder> make_pg_copy_encoder(const EncoderOptions& options);

// Compresses a whole buffer. For text formats each chunk becomes one self-contained frame (zstd)
// or member (gzip); concatenated, they form a valid stream. Parquet compresses each page.
class Compressor {
 public:
  Compressor(Compression codec, int level);
  ~Compressor();
  Compressor(const Compressor&) = delete;
  Compressor& operator=(const Compressor&) = delete;
  // What a buffer holds, for zstd's match finder (format.cpp says what each one gets).
  enum class Content : uint8_t { Stream, ParquetPage, ParquetDoublePage };
  // Appends the compressed form of `in` to `out` (`in` itself for Compression::None).
  void compress_into(std::string_view in, ByteBuffer& out, Content content = Content::Stream);

 private:
  Compression codec_;
  int level_;
  void* zstd_ctx_ = nullptr;
  bool zstd_short_matches_ = false;  // the context's current match-finder parameters
};

}  // namespace fraudgen
