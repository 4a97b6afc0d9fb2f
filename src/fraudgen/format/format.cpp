#include "fraudgen/format/format.h"

#include <stdexcept>
#include <zlib.h>
#include <snappy-c.h>
#include <zstd.h>

namespace fraudgen {

std::optional<Format> parse_format(std::string_view s) {
  if (s == "jsonl") return Format::Jsonl;
  if (s == "csv") return Format::Csv;
  if (s == "parquet") return Format::Parquet;
  return std::nullopt;
}

std::optional<Compression> parse_compression(std::string_view s) {
  if (s == "none") return Compression::None;
  if (s == "gzip") return Compression::Gzip;
  if (s == "zstd") return Compression::Zstd;
  if (s == "snappy") return Compression::Snappy;
  return std::nullopt;
}

std::string_view format_name(Format f) {
  switch (f) {
    case Format::Jsonl: return "jsonl";
    case Format::Csv: return "csv";
    case Format::Parquet: return "parquet";
  }
  return "?";
}

std::string_view compression_name(Compression c) {
  switch (c) {
    case Compression::None: return "none";
    case Compression::Gzip: return "gzip";
    case Compression::Zstd: return "zstd";
    case Compression::Snappy: return "snappy";
  }
  return "?";
}

std::unique_ptr<ChunkEncoder> make_encoder(const EncoderOptions& options) {
  return options.format == Format::Parquet ? make_parquet_encoder(options) : make_text_encoder(options);
}

std::string file_extension(Format f, Compression c) {
  if (f == Format::Parquet) return ".parquet";
  std::string ext = f == Format::Jsonl ? ".jsonl" : ".csv";
  if (c == Compression::Gzip) ext += ".gz";
  if (c == Compression::Zstd) ext += ".zst";
  return ext;
}

Compressor::Compressor(Compression codec, int level) : codec_(codec), level_(level) {
  if (codec_ == Compression::Zstd) zstd_ctx_ = ZSTD_createCCtx();
}

Compressor::~Compressor() {
  if (zstd_ctx_) ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(zstd_ctx_));
}

void Compressor::compress_into(std::string_view data, ByteBuffer& sink) {
  if (codec_ == Compression::None) {
    sink.append(data);
    return;
  }
  if (codec_ == Compression::Snappy) {
    size_t bound = snappy_max_compressed_length(data.size());
    char* dst = sink.reserve(bound);
    size_t n = bound;
    if (snappy_compress(data.data(), data.size(), dst, &n) != SNAPPY_OK) throw std::runtime_error("snappy compression failed");
    sink.commit(dst + n);
    return;
  }
  if (codec_ == Compression::Zstd) {
    size_t bound = ZSTD_compressBound(data.size());
    char* dst = sink.reserve(bound);
    size_t n = ZSTD_compressCCtx(static_cast<ZSTD_CCtx*>(zstd_ctx_), dst, bound, data.data(), data.size(), level_);
    if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
    sink.commit(dst + n);
  } else {
    z_stream z{};
    if (deflateInit2(&z, level_, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("gzip init failed");
    size_t bound = deflateBound(&z, data.size()) + 32;
    char* dst = sink.reserve(bound);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(dst);
    z.avail_out = static_cast<uInt>(bound);
    int rc = deflate(&z, Z_FINISH);
    size_t n = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("gzip compression failed");
    sink.commit(dst + n);
  }
}

}  // namespace fraudgen
