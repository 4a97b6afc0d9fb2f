// The rows of a column batch as generate writes them in JSONL: one line each, without the line
// feed, so a stream's events carry exactly the batch output's bytes.
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "fraudgen/core/byte_buffer.h"
#include "fraudgen/format/format.h"
#include "fraudgen/schema/column_batch.h"

namespace fraudgen {

class JsonlRows {
 public:
  JsonlRows();
  // Every row of `batch`, in order; valid until the next call.
  const std::vector<std::string_view>& lines(const ColumnBatch& batch);

 private:
  std::unique_ptr<ChunkEncoder> encoder_;
  ByteBuffer chunk_;
  std::vector<std::string_view> lines_;
};

}  // namespace fraudgen
