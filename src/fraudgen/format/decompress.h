// Decompresses one whole buffer (a Parquet page) with the codecs fraudgen writes.
#pragma once
#include <string>
#include <string_view>

#include "fraudgen/format/format.h"

namespace fraudgen {

// Replaces `out` with the decompressed form of `in`, which must be exactly `size` bytes.
// Throws std::runtime_error naming the codec when the data is corrupt or the size differs.
void decompress_whole(Compression codec, std::string_view in, size_t size, std::string& out);

}  // namespace fraudgen
