#include "fraudgen/format/read/byte_stream.h"

#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <stdexcept>

namespace fraudgen {

ByteStream::ByteStream(std::unique_ptr<RandomAccessFile> file, Compression codec)
    : file_(std::move(file)), codec_(codec), in_(1 << 18, '\0') {
  if (codec_ == Compression::Zstd) {
    zstd_ = ZSTD_createDStream();
    ZSTD_initDStream(static_cast<ZSTD_DStream*>(zstd_));
  } else if (codec_ == Compression::Gzip) {
    zlib_ = std::make_unique<z_stream>();
    *zlib_ = z_stream{};
    if (inflateInit2(zlib_.get(), 15 + 32) != Z_OK) throw std::runtime_error("gzip: cannot initialise zlib");
  } else if (codec_ == Compression::Snappy) {
    throw std::runtime_error(file_->name() + ": snappy is a Parquet page codec, not a text file codec");
  }
}

ByteStream::~ByteStream() {
  if (zstd_) ZSTD_freeDStream(static_cast<ZSTD_DStream*>(zstd_));
  if (zlib_) inflateEnd(zlib_.get());
}

size_t ByteStream::fill_input() {
  in_pos_ = 0;
  in_end_ = file_->read_at(offset_, in_.data(), in_.size());
  offset_ += in_end_;
  return in_end_;
}

size_t ByteStream::read(char* out, size_t cap) {
  if (codec_ == Compression::None) {
    const size_t n = file_->read_at(offset_, out, cap);
    offset_ += n;
    return n;
  }
  for (;;) {
    if (in_pos_ == in_end_ && fill_input() == 0) {
      if (codec_ == Compression::Gzip && !member_done_ && zlib_->total_in > 0)
        throw std::runtime_error(file_->name() + ": gzip stream ends inside a member");
      return 0;
    }
    if (codec_ == Compression::Zstd) {
      ZSTD_inBuffer in{in_.data() + in_pos_, in_end_ - in_pos_, 0};
      ZSTD_outBuffer o{out, cap, 0};
      size_t rc = ZSTD_decompressStream(static_cast<ZSTD_DStream*>(zstd_), &o, &in);
      if (ZSTD_isError(rc)) throw std::runtime_error(file_->name() + ": zstd: " + ZSTD_getErrorName(rc));
      in_pos_ += in.pos;
      if (o.pos) return o.pos;
      continue;
    }
    z_stream& z = *zlib_;
    z.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
    z.avail_in = static_cast<uInt>(in_end_ - in_pos_);
    z.next_out = reinterpret_cast<Bytef*>(out);
    z.avail_out = static_cast<uInt>(cap);
    int rc = inflate(&z, Z_NO_FLUSH);
    in_pos_ = in_end_ - z.avail_in;
    const size_t produced = cap - z.avail_out;
    member_done_ = rc == Z_STREAM_END;
    if (rc == Z_STREAM_END) inflateReset(&z);  // the next member, if any, starts here
    else if (rc != Z_OK && rc != Z_BUF_ERROR) throw std::runtime_error(file_->name() + ": gzip data is corrupt");
    if (produced) return produced;
  }
}

}  // namespace fraudgen
