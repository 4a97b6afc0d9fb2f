#include "fraudgen/format/format.h"

#include <stdexcept>
#include <zlib.h>
#include <zstd.h>

namespace fraudgen {

std::optional<Format> parse_format(std::string_view s) {
  if (s == "jsonl") return Format::Jsonl;
  if (s == "csv") return Format::Csv;
  return std::nullopt;
}

std::optional<Compression> parse_compression(std::string_view s) {
  if (s == "none") return Compression::None;
  if (s == "gzip") return Compression::Gzip;
  if (s == "zstd") return Compression::Zstd;
  return std::nullopt;
}

std::string_view format_name(Format f) { return f == Format::Jsonl ? "jsonl" : "csv"; }

std::string_view compression_name(Compression c) {
  switch (c) {
    case Compression::None: return "none";
    case Compression::Gzip: return "gzip";
    case Compression::Zstd: return "zstd";
  }
  return "?";
}

std::string file_extension(Format f, Compression c) {
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

void Compressor::compress(ByteBuffer& data) {
  if (codec_ == Compression::None || data.empty()) return;
  scratch_.clear();
  if (codec_ == Compression::Zstd) {
    size_t bound = ZSTD_compressBound(data.size());
    char* out = scratch_.reserve(bound);
    size_t n = ZSTD_compressCCtx(static_cast<ZSTD_CCtx*>(zstd_ctx_), out, bound, data.data(), data.size(), level_);
    if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
    scratch_.commit(out + n);
  } else {
    z_stream z{};
    if (deflateInit2(&z, level_, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("gzip init failed");
    size_t bound = deflateBound(&z, data.size()) + 32;
    char* out = scratch_.reserve(bound);
    z.next_in = reinterpret_cast<Bytef*>(data.data());
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out);
    z.avail_out = static_cast<uInt>(bound);
    int rc = deflate(&z, Z_FINISH);
    size_t n = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("gzip compression failed");
    scratch_.commit(out + n);
  }
  data.swap(scratch_);
}

}  // namespace fraudgen
