#include "fraudgen/format/decompress.h"

#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <stdexcept>

namespace fraudgen {

void decompress_whole(Compression codec, std::string_view in, size_t size, std::string& out) {
  out.resize(size);
  switch (codec) {
    case Compression::None:
      if (in.size() != size) throw std::runtime_error("uncompressed page size differs from its header");
      out.assign(in);
      return;
    case Compression::Snappy: {
      size_t n = 0;
      if (snappy_uncompressed_length(in.data(), in.size(), &n) != SNAPPY_OK || n != size)
        throw std::runtime_error("snappy data is corrupt or of the wrong size");
      if (snappy_uncompress(in.data(), in.size(), out.data(), &n) != SNAPPY_OK) throw std::runtime_error("snappy data is corrupt");
      return;
    }
    case Compression::Zstd: {
      size_t n = ZSTD_decompress(out.data(), size, in.data(), in.size());
      if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
      if (n != size) throw std::runtime_error("zstd data decompresses to the wrong size");
      return;
    }
    case Compression::Gzip: {
      z_stream z{};
      if (inflateInit2(&z, 15 + 32) != Z_OK) throw std::runtime_error("gzip: cannot initialise zlib");
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
      z.avail_in = static_cast<uInt>(in.size());
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(size);
      int rc = inflate(&z, Z_FINISH);
      size_t n = z.total_out;
      inflateEnd(&z);
      if (rc != Z_STREAM_END || n != size) throw std::runtime_error("gzip data is corrupt or of the wrong size");
      return;
    }
  }
}

}  // namespace fraudgen
